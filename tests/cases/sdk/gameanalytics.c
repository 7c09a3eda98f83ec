// GameAnalytics' C API: a user ID that is the player's e-mail, and custom
// fields (JSON) formatted with the player's name, are reported.
#include <stdio.h>
#include <piiflow.h>
#include "gameanalytics.h"

struct player {
	int level;
	const char *email PII(user.contact.email);
	const char *nickname PII(user.name);
};

void start(const struct player *p)
{
	gameAnalytics_configureUserId(p->email); // expect: pii-to-analytics(user.contact.email)
	gameAnalytics_initialize("game-key", "secret");
}

void level_done(const struct player *p)
{
	char fields[128];
	snprintf(fields, sizeof fields, "{\"nick\":\"%s\"}", p->nickname);
	gameAnalytics_addDesignEventWithValue("level:done", p->level, fields, EGAEnabled); // expect: pii-to-analytics(user.name)
}
