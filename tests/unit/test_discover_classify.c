/*
 * The name classifier of `piiflow discover` (discover/names.def): the names
 * of personal data in snake case, camel case and their abbreviations get
 * the right fideslang category; the clearly non-personal names next to them
 * (email_enabled, ip_len, phone_count, flags) get none; types speak where
 * names do not (struct sockaddr_in peer) except for the machine's own
 * addresses; and every category the table names is a key of taxonomy.csv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover/classify.h"

static void assert_norm(const char *name, const char *want)
{
	char buf[128];
	assert_true(pf_discover_normalize(name, buf, sizeof(buf)));
	assert_string_equal(buf, want);
}

static void test_normalize(void **state)
{
	(void)state;
	assert_norm("email", "_email_");
	assert_norm("mail_addr", "_mail_addr_");
	assert_norm("mailAddr", "_mail_addr_");
	assert_norm("MAIL_ADDR", "_mail_addr_");
	assert_norm("IPAddress", "_ip_address_");
	assert_norm("remoteIPv4Addr", "_remote_i_pv4_addr_");
	assert_norm("g__first__name_", "_g_first_name_");
	assert_norm("deviceID", "_device_id_");
	char small[4];
	assert_false(pf_discover_normalize("email", small, sizeof(small)));
}

struct want {
	const char *name;
	const char *category; /* NULL: no suggestion */
	enum pf_confidence confidence;
};

static void check_data(const struct want *w, size_t n, const char *scope, const char *type,
                       bool scalar, enum pf_decl_role role)
{
	for (size_t i = 0; i < n; i++) {
		struct pf_guess g = {0};
		bool hit = pf_discover_classify(w[i].name, scope, role, type, scalar, &g);
		if (!w[i].category) {
			if (hit)
				fail_msg("'%s' classified as %s, want nothing", w[i].name,
				         g.category);
			continue;
		}
		if (!hit)
			fail_msg("'%s' not classified, want %s", w[i].name, w[i].category);
		if (strcmp(g.category, w[i].category) != 0)
			fail_msg("'%s' classified as %s, want %s", w[i].name, g.category,
			         w[i].category);
		if (g.confidence != w[i].confidence)
			fail_msg("'%s' with %s confidence, want %s", w[i].name,
			         pf_confidence_name(g.confidence),
			         pf_confidence_name(w[i].confidence));
	}
}

static void test_personal_names(void **state)
{
	(void)state;
	static const struct want w[] = {
	    {"email", "user.contact.email", PF_CONF_HIGH},
	    {"e_mail", "user.contact.email", PF_CONF_HIGH},
	    {"userEmail", "user.contact.email", PF_CONF_HIGH},
	    {"email_address", "user.contact.email", PF_CONF_HIGH},
	    {"EmailAddr", "user.contact.email", PF_CONF_HIGH},
	    {"mail_addr", "user.contact.email", PF_CONF_MEDIUM},
	    {"mailAddress", "user.contact.email", PF_CONF_MEDIUM},
	    {"first_name", "user.name.first", PF_CONF_HIGH},
	    {"firstName", "user.name.first", PF_CONF_HIGH},
	    {"surname", "user.name.last", PF_CONF_HIGH},
	    {"lastName", "user.name.last", PF_CONF_HIGH},
	    {"full_name", "user.name", PF_CONF_HIGH},
	    {"author_name", "user.name", PF_CONF_HIGH},
	    {"username", "user.account.username", PF_CONF_MEDIUM},
	    {"phone", "user.contact.phone_number", PF_CONF_HIGH},
	    {"phoneNumber", "user.contact.phone_number", PF_CONF_HIGH},
	    {"mobile_no", "user.contact.phone_number", PF_CONF_HIGH},
	    {"msisdn", "user.contact.phone_number", PF_CONF_HIGH},
	    {"ip", "user.device.ip_address", PF_CONF_MEDIUM},
	    {"ipv4", "user.device.ip_address", PF_CONF_MEDIUM},
	    {"ip_addr", "user.device.ip_address", PF_CONF_MEDIUM},
	    {"remote_addr", "user.device.ip_address", PF_CONF_HIGH},
	    {"clientIp", "user.device.ip_address", PF_CONF_HIGH},
	    {"peer_host", "user.device.ip_address", PF_CONF_HIGH},
	    {"mac_address", "user.device.device_id.mac_address", PF_CONF_HIGH},
	    {"device_id", "user.device.device_id", PF_CONF_HIGH},
	    {"deviceId", "user.device.device_id", PF_CONF_HIGH},
	    {"imei", "user.device.device_id", PF_CONF_HIGH},
	    {"idfa", "user.device.device_id.advertising", PF_CONF_HIGH},
	    {"gaid", "user.device.device_id.advertising", PF_CONF_HIGH},
	    {"advertising_id", "user.device.device_id.advertising", PF_CONF_HIGH},
	    {"ssn", "user.government_id.national_identification_number", PF_CONF_HIGH},
	    {"passport_no", "user.government_id.passport_number", PF_CONF_HIGH},
	    {"dob", "user.demographic.date_of_birth", PF_CONF_HIGH},
	    {"birth_date", "user.demographic.date_of_birth", PF_CONF_HIGH},
	    {"birthday", "user.demographic.date_of_birth", PF_CONF_HIGH},
	    {"postal_code", "user.contact.address.postal_code", PF_CONF_MEDIUM},
	    {"billing_address", "user.contact.address", PF_CONF_HIGH},
	    {"credit_card_number", "user.financial.credit_card", PF_CONF_HIGH},
	    {"iban", "user.financial.bank_account", PF_CONF_HIGH},
	    {"password", "user.authorization.password", PF_CONF_HIGH},
	    {"passwd", "user.authorization.password", PF_CONF_HIGH},
	    {"access_token", "user.authorization.credentials", PF_CONF_MEDIUM},
	    {"user_id", "user.unique_id", PF_CONF_MEDIUM},
	    {"email_buf", "user.contact.email", PF_CONF_HIGH},
	};
	check_data(w, sizeof(w) / sizeof(w[0]), "session", "char", false, PF_ROLE_DATA);
}

/* Numbers that are personal data: coordinates, a birth date as time_t, an
 * IPv4 address as an integer; and none where a number cannot be it. */
static void test_scalars(void **state)
{
	(void)state;
	static const struct want w[] = {
	    {"lat", "user.location.precise", PF_CONF_MEDIUM},
	    {"lon", "user.location.precise", PF_CONF_MEDIUM},
	    {"longitude", "user.location.precise", PF_CONF_MEDIUM},
	    {"dob", "user.demographic.date_of_birth", PF_CONF_HIGH},
	    {"client_ip", "user.device.ip_address", PF_CONF_HIGH},
	    {"email", NULL, 0},
	    {"phone", NULL, 0},
	    {"password", NULL, 0},
	    {"pass", NULL, 0},
	};
	check_data(w, sizeof(w) / sizeof(w[0]), "", "int", true, PF_ROLE_DATA);
	struct pf_guess g;
	assert_false(pf_discover_classify("email", "", PF_ROLE_DATA, "_Bool", true, &g));
	assert_false(pf_discover_classify("email", "", PF_ROLE_DATA, "bool", true, &g));
}

static void test_not_personal(void **state)
{
	(void)state;
	static const struct want w[] = {
	    {"email_enabled", NULL, 0}, {"ip_len", NULL, 0},
	    {"phone_count", NULL, 0},   {"email_count", NULL, 0},
	    {"name_len", NULL, 0},      {"email_size", NULL, 0},
	    {"ipLen", NULL, 0},         {"phoneCount", NULL, 0},
	    {"flags", NULL, 0},         {"enabled", NULL, 0},
	    {"is_email", NULL, 0},      {"has_phone", NULL, 0},
	    {"num_emails", NULL, 0},    {"n_phones", NULL, 0},
	    {"email_regex", NULL, 0},   {"email_template", NULL, 0},
	    {"ip_version", NULL, 0},    {"local_ip", NULL, 0},
	    {"bind_addr", NULL, 0},     {"server_ip", NULL, 0},
	    {"listen_ip", NULL, 0},     {"netmask", NULL, 0},
	    {"zip", NULL, 0},           {"tip", NULL, 0},
	    {"skip", NULL, 0},          {"ship", NULL, 0},
	    {"filename", NULL, 0},      {"hostname", NULL, 0},
	    {"name", NULL, 0},          {"addr", NULL, 0},
	    {"buf", NULL, 0},           {"len", NULL, 0},
	    {"mail_count", NULL, 0},    {"email_max_len", NULL, 0},
	    {"phone_type", NULL, 0},    {"ip_family", NULL, 0},
	};
	check_data(w, sizeof(w) / sizeof(w[0]), "config", "char", false, PF_ROLE_DATA);
}

/* Generic names speak inside a record or function about a person. */
static void test_scope(void **state)
{
	(void)state;
	struct pf_guess g;
	assert_true(pf_discover_classify("name", "user", PF_ROLE_DATA, "char", false, &g));
	assert_string_equal(g.category, "user.name");
	assert_true(
	    pf_discover_classify("name", "customer_record", PF_ROLE_DATA, "char", false, &g));
	assert_true(
	    pf_discover_classify("name", "find_user_by_name", PF_ROLE_DATA, "char", false, &g));
	assert_false(pf_discover_classify("name", "ref", PF_ROLE_DATA, "char", false, &g));
	assert_false(
	    pf_discover_classify("name", "userspace_mapping", PF_ROLE_DATA, "char", false, &g));
	assert_false(pf_discover_classify("name_len", "user", PF_ROLE_DATA, "char", false, &g));
}

static void test_functions(void **state)
{
	(void)state;
	struct pf_guess g;
	assert_true(
	    pf_discover_classify("get_user_email", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_string_equal(g.category, "user.contact.email");
	assert_true(pf_discover_classify("device_id", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_false(pf_discover_classify("send_email", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_false(
	    pf_discover_classify("validate_phone", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_false(pf_discover_classify("is_email", "", PF_ROLE_FUNCTION, "int", true, &g));
	/* a scope about a person does not make a function's name personal */
	assert_false(pf_discover_classify("name", "user", PF_ROLE_FUNCTION, "char", false, &g));
}

/* What real code (redis) taught the table: a server's address is not a
 * person's, module prefixes hide verbs, functions returning numbers return
 * statuses, a command's full name is not a person's. */
static void test_real_code(void **state)
{
	(void)state;
	struct pf_guess g;
	assert_false(pf_discover_classify("ip", "clusterNode", PF_ROLE_DATA, "char", false, &g));
	assert_false(
	    pf_discover_classify("ip", "replicationSetMaster", PF_ROLE_DATA, "char", false, &g));
	assert_false(
	    pf_discover_classify("ip", "redisConnectWithTimeout", PF_ROLE_DATA, "char", false, &g));
	assert_false(pf_discover_classify("ip", "connSockName", PF_ROLE_DATA, "char", false, &g));
	assert_true(pf_discover_classify("ip", "anetTcpAccept", PF_ROLE_DATA, "char", false, &g));
	assert_true(
	    pf_discover_classify("ip", "connPeerToString", PF_ROLE_DATA, "char", false, &g));
	assert_false(pf_discover_classify("peer", "clusterLink", PF_ROLE_DATA, "struct sockaddr_in",
	                                  false, &g));
	assert_false(
	    pf_discover_classify("ACLHashPassword", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_true(pf_discover_classify("askPassword", "", PF_ROLE_FUNCTION, "char", false, &g));
	assert_false(
	    pf_discover_classify("extractLongLatOrReply", "", PF_ROLE_FUNCTION, "int", true, &g));
	assert_false(
	    pf_discover_classify("geoArrayCreate", "", PF_ROLE_FUNCTION, "geoArray", false, &g));
	assert_false(
	    pf_discover_classify("GEOPOS_Args", "", PF_ROLE_DATA, "redisCommandArg", false, &g));
	assert_false(pf_discover_classify("HELLO_arguments_username_password_Subargs", "",
	                                  PF_ROLE_DATA, "redisCommandArg", false, &g));
	assert_false(pf_discover_classify("lat_range", "geohashEncode", PF_ROLE_DATA,
	                                  "GeoHashRange", false, &g));
	assert_false(
	    pf_discover_classify("fullname", "redisCommand", PF_ROLE_DATA, "char", false, &g));
	assert_true(pf_discover_classify("name", "client", PF_ROLE_DATA, "robj", false, &g));
	assert_string_equal(g.category, "user.name");
	assert_true(pf_discover_classify("auth_pass", "sentinelRedisInstance", PF_ROLE_DATA, "char",
	                                 false, &g));
	assert_string_equal(g.category, "user.authorization.password");
}

static void test_types(void **state)
{
	(void)state;
	struct pf_guess g;
	assert_true(
	    pf_discover_classify("peer", "conn", PF_ROLE_DATA, "struct sockaddr_in", false, &g));
	assert_string_equal(g.category, "user.device.ip_address");
	assert_string_equal(g.why, "type");
	assert_true(pf_discover_classify("sa", "", PF_ROLE_DATA, "struct sockaddr_in6", false, &g));
	assert_true(pf_discover_classify("a", "", PF_ROLE_DATA, "struct in_addr", false, &g));
	assert_false(
	    pf_discover_classify("local", "", PF_ROLE_DATA, "struct sockaddr_in", false, &g));
	assert_false(pf_discover_classify("bind_addr", "", PF_ROLE_DATA, "struct sockaddr_storage",
	                                  false, &g));
	assert_false(
	    pf_discover_classify("addr_len", "", PF_ROLE_DATA, "struct sockaddr_in", false, &g));
	assert_false(pf_discover_classify("peer", "", PF_ROLE_DATA, "struct sockaddr", false, &g));
	/* function pointers hold no data */
	assert_false(
	    pf_discover_classify("email", "", PF_ROLE_DATA, "int (const char *)", false, &g));
}

/* Every category of names.def is a key of the shipped taxonomy. */
static void test_table_categories_known(void **state)
{
	(void)state;
	FILE *f = fopen(PF_SOURCE_DIR "/analyzer/discover/names.def", "r");
	assert_non_null(f);
	char *tax = NULL;
	size_t cap = 0, n = 0;
	FILE *t = fopen(PF_SOURCE_DIR "/rules/taxonomy.csv", "r");
	assert_non_null(t);
	char line[4096];
	while (fgets(line, sizeof(line), t)) {
		size_t k = strcspn(line, ",");
		tax = realloc(tax, cap = n + k + 3);
		tax[n++] = '\n';
		memcpy(tax + n, line, k);
		n += k;
		tax[n] = '\n';
		tax[n + 1] = '\0';
	}
	fclose(t);
	int checked = 0;
	while (fgets(line, sizeof(line), f)) {
		for (char *p = strstr(line, "\"user."); p; p = strstr(p + 1, "\"user.")) {
			char key[256];
			size_t k = strcspn(p + 1, "\"");
			assert_true(k + 3 < sizeof(key));
			snprintf(key, sizeof(key), "\n%.*s\n", (int)k, p + 1);
			if (!strstr(tax, key))
				fail_msg("names.def names category %.*s, which taxonomy.csv lacks",
				         (int)k, p + 1);
			checked++;
		}
	}
	fclose(f);
	free(tax);
	(void)cap;
	assert_true(checked >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_personal_names),
	    cmocka_unit_test(test_scalars),
	    cmocka_unit_test(test_not_personal),
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_functions),
	    cmocka_unit_test(test_types),
	    cmocka_unit_test(test_real_code),
	    cmocka_unit_test(test_table_categories_known),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
