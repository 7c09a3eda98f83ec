#include "app.h"

static void emit(const char *payload)
{
	adkit_track("promo", payload);
}

void promo_on_login(const struct user *u)
{
	(void)u;
	emit("spring-sale");
}
