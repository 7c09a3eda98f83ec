// Rules can mark a field (by typedef name) and a global variable as sources
// in code that cannot be annotated.
// piiflow-args: --rules {dir}/legacy_rules.json

typedef struct {
	int uid;
	char mail[64];
	char lang[8];
} legacy_user;

char g_current_phone[24];

void crm_campaign_add(const char *recipient, const char *campaign);

void enroll(const legacy_user *lu)
{
	crm_campaign_add(lu->lang, "lang-test");
	crm_campaign_add(lu->mail, "spring"); // expect: pii-to-marketing(user.contact.email)
	crm_campaign_add(g_current_phone, "sms-spring"); // expect: pii-to-marketing(user.contact.phone_number)
	crm_campaign_add("list-42", lu->mail);
}
