// A rules file without "name" names parameters instead of counting them
// ("args": ["msg"]), and limits a sink to calls whose key is one of some
// string literals ("when"): vendor_event("email", ...) is a sink,
// vendor_event("theme", ...) is not; vendor_measure("bytes", ...) moves no
// data, vendor_measure with another unit is left to the conservative guess.
// piiflow-args: --rules {dir}/named_args.json
void vendor_read(int slot, char *out);
void vendor_log(const char *tag, const char *msg);
void vendor_event(const char *key, const char *value);
void vendor_copy(char *dst, const char *src);
const char *vendor_measure(const char *unit, const char *text);

void on_sync(void)
{
	char email[64], copy[64];
	vendor_read(0, email);
	vendor_log(email, "sync"); /* the tag is not the sink */
	vendor_log("sync", email); // expect: pii-to-analytics(user.contact.email)
	vendor_copy(copy, email);
	vendor_event("email", copy); // expect: pii-to-advertising(user.contact.email)
	vendor_event("theme", copy);
	vendor_log("size", vendor_measure("bytes", email));
	vendor_log("size", vendor_measure("words", email)); // expect: pii-to-analytics(user.contact.email)
}
