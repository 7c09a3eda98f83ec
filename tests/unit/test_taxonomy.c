/*
 * The category vocabulary: the shipped taxonomy.csv (fideslang plus
 * piiflow's rows) loads and is a tree, every category the shipped rules packs
 * name is in it, the CSV reader copes with quoting as spreadsheets write it,
 * a broken file is an error with a line, and the look-ups (known, covers,
 * nearest) give what an unknown-category diagnostic needs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taxonomy/taxonomy.h"

#define SHIPPED PF_SOURCE_DIR "/rules/taxonomy.csv"
#define DATA PF_TEST_DATA_DIR "/taxonomy/"

static int load_shipped(void **state)
{
	struct pf_taxonomy *t = malloc(sizeof(*t));
	struct pf_error err;
	pf_taxonomy_init(t);
	if (pf_taxonomy_load(t, SHIPPED, &err) != 0) {
		fprintf(stderr, "%s: %s\n", err.file, err.text);
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int free_shipped(void **state)
{
	pf_taxonomy_free(*state);
	free(*state);
	return 0;
}

static void test_shipped_loads(void **state)
{
	const struct pf_taxonomy *t = *state;
	/* fideslang's 85 keys (without the root) and piiflow's 2 */
	assert_int_equal(t->nkeys, 87);
	assert_true(pf_taxonomy_known(t, "user.contact.email"));
	assert_true(pf_taxonomy_known(t, "user"));
	assert_true(pf_taxonomy_known(t, "system.operations"));
	assert_true(pf_taxonomy_known(t, "user.unique_id.pseudonymous"));
	assert_true(pf_taxonomy_known(t, "user.device.device_id.advertising"));
	assert_true(pf_taxonomy_known(t, "user.device.device_id.mac_address"));
	assert_false(pf_taxonomy_known(t, "data_category"));
	assert_false(pf_taxonomy_known(t, "fides_key"));
	assert_false(pf_taxonomy_known(t, "user.contact.emai"));
	assert_false(pf_taxonomy_known(t, NULL));
	for (size_t i = 1; i < t->nkeys; i++)
		assert_true(strcmp(t->keys[i - 1], t->keys[i]) < 0);
}

/* Every key but the roots has its parent in the taxonomy, so "covers" is a
 * tree and the extension rows hang where they claim to. */
static void test_shipped_is_a_tree(void **state)
{
	const struct pf_taxonomy *t = *state;
	for (size_t i = 0; i < t->nkeys; i++) {
		const char *dot = strrchr(t->keys[i], '.');
		if (!dot)
			continue;
		char parent[256];
		snprintf(parent, sizeof(parent), "%.*s", (int)(dot - t->keys[i]), t->keys[i]);
		if (!pf_taxonomy_known(t, parent))
			fail_msg("'%s' has no parent '%s'", t->keys[i], parent);
		assert_true(pf_category_covers(parent, t->keys[i]));
	}
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = calloc(1, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

/* Each "category": "..." of a pack must be a known key, or the pack would
 * report personal data of a category no policy knows. (A plain scan: this
 * test links only the taxonomy.) */
static void check_pack_categories(const struct pf_taxonomy *t, const char *path, int *checked)
{
	char *text = read_text(path);
	assert_non_null(text);
	for (const char *p = strstr(text, "\"category\""); p; p = strstr(p + 1, "\"category\"")) {
		const char *v = p + strlen("\"category\"");
		v += strspn(v, " \t\r\n");
		if (*v != ':')
			continue;
		v++;
		v += strspn(v, " \t\r\n");
		if (*v != '"')
			continue;
		v++;
		size_t n = strcspn(v, "\"");
		char key[256];
		snprintf(key, sizeof(key), "%.*s", (int)n, v);
		if (!pf_taxonomy_known(t, key))
			fail_msg("%s: unknown category '%s' (nearest: %s)", path, key,
			         pf_taxonomy_nearest(t, key) ? pf_taxonomy_nearest(t, key)
			                                     : "none");
		++*checked;
	}
	free(text);
}

static void test_pack_categories_known(void **state)
{
	const struct pf_taxonomy *t = *state;
	DIR *d = opendir(PF_SOURCE_DIR "/rules");
	assert_non_null(d);
	int checked = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0 || de->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", PF_SOURCE_DIR "/rules", de->d_name);
		check_pack_categories(t, path, &checked);
	}
	closedir(d);
	assert_true(checked >= 20); /* libc.json alone has more */
}

static void test_nearest(void **state)
{
	const struct pf_taxonomy *t = *state;
	static const struct {
		const char *key, *want;
	} cases[] = {
	    {"user.contact.email", "user.contact.email"},
	    {"user.contact.emial", "user.contact.email"},
	    {"user.contact.emails", "user.contact.email"},
	    {"user.email", "user.contact.email"},
	    {"email", "user.contact.email"},
	    {"User.Contact.Email", "user.contact.email"},
	    {"user_contact_email", "user.contact.email"},
	    {"user.phone", "user.contact.phone_number"},
	    {"user.device.ipaddress", "user.device.ip_address"},
	    {"user.ip", "user.device.ip_address"},
	    {"user.name.frist", "user.name.first"},
	    {"user.gender", "user.demographic.gender"},
	    {"user.advertising_id", "user.device.device_id.advertising"},
	    {"user.device.mac_address", "user.device.device_id.mac_address"},
	    {"user.location.gps", "user.location"},
	    {"system.xyzzy", "system"},
	    {"zzzz", NULL},
	    {"", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pf_taxonomy_nearest(t, cases[i].key);
		if (!cases[i].want ? got != NULL : !got || strcmp(got, cases[i].want) != 0)
			fail_msg("nearest('%s') = %s, want %s", cases[i].key, got ? got : "NULL",
			         cases[i].want ? cases[i].want : "NULL");
	}
	assert_null(pf_taxonomy_nearest(t, NULL));
}

static void test_covers(void **state)
{
	assert_true(pf_category_covers("user", "user"));
	assert_true(pf_category_covers("user", "user.contact.email"));
	assert_true(pf_category_covers("user.contact", "user.contact.email"));
	assert_true(pf_category_covers("user.contact.email", "user.contact.email"));
	assert_false(pf_category_covers("user.contact.email", "user.contact"));
	assert_false(pf_category_covers("user.contact", "user.contacts"));
	assert_false(pf_category_covers("user.name", "user.name_suffix.x"));
	assert_false(pf_category_covers("system", "user"));
	assert_false(pf_category_covers(NULL, "user"));
	assert_false(pf_category_covers("user", NULL));
}

static void test_quoted_csv(void **state)
{
	struct pf_taxonomy t;
	struct pf_error err;
	pf_taxonomy_init(&t);
	assert_int_equal(pf_taxonomy_load(&t, DATA "quoted.csv", &err), 0);
	assert_int_equal(t.nkeys, 4);
	assert_string_equal(t.keys[0], "user");
	assert_string_equal(t.keys[1], "user.contact");
	assert_string_equal(t.keys[2], "user.contact.email");
	assert_string_equal(t.keys[3], "user.contact.phone_number");
	pf_taxonomy_free(&t);
	assert_int_equal(t.nkeys, 0);
	pf_taxonomy_free(&t);
}

/* A second file adds its keys; one that fails changes nothing. */
static void test_load_adds_and_keeps(void **state)
{
	struct pf_taxonomy t;
	struct pf_error err;
	pf_taxonomy_init(&t);
	assert_int_equal(pf_taxonomy_load(&t, DATA "quoted.csv", &err), 0);
	assert_int_equal(pf_taxonomy_load(&t, DATA "small.csv", &err), 0);
	assert_int_equal(t.nkeys, 10); /* "user" is in both */
	assert_true(pf_taxonomy_known(&t, "user.contact.email"));
	assert_true(pf_taxonomy_known(&t, "user.name.first"));
	for (size_t i = 1; i < t.nkeys; i++)
		assert_true(strcmp(t.keys[i - 1], t.keys[i]) < 0);
	assert_int_equal(pf_taxonomy_load(&t, DATA "duplicate.csv", &err), -1);
	assert_int_equal(t.nkeys, 10);
	pf_taxonomy_free(&t);

	struct pf_taxonomy empty;
	pf_taxonomy_init(&empty);
	assert_false(pf_taxonomy_known(&empty, "user"));
	assert_null(pf_taxonomy_nearest(&empty, "user"));
}

static void test_bad_files(void **state)
{
	static const struct {
		const char *file, *message; /* message after "PATH" */
	} cases[] = {
	    {"unterminated.csv", ":3: unterminated quoted field"},
	    {"bad_header.csv", ":1: expected a header line whose first column is 'fides_key'"},
	    {"empty.csv", ":1: expected a header line whose first column is 'fides_key'"},
	    {"bad_key.csv", ":3: invalid key 'User Email' (expected a dotted key such as "
	                    "user.contact.email)"},
	    {"duplicate.csv", ":5: duplicate key 'user.name' (first on line 3)"},
	    {"after_quote.csv", ":2: unexpected character after a closing quote"},
	    {"no_keys.csv", ": no categories in the file"},
	    {"does-not-exist.csv", ": cannot read taxonomy file: No such file or directory"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pf_taxonomy t;
		struct pf_error e;
		char err[1100], want[1024];
		pf_taxonomy_init(&t);
		snprintf(want, sizeof(want), "%s%s", DATA, cases[i].file);
		int rc = pf_taxonomy_load(&t, want, &e);
		pf_error_format(&e, NULL, err, sizeof(err));
		strncat(want, cases[i].message, sizeof(want) - strlen(want) - 1);
		if (rc != -1 || strcmp(err, want) != 0)
			fail_msg("%s: rc %d, message\n  want: %s\n  got:  %s", cases[i].file, rc,
			         want, err);
		assert_int_equal(t.nkeys, 0);
		pf_taxonomy_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest shipped[] = {
	    cmocka_unit_test(test_shipped_loads),
	    cmocka_unit_test(test_shipped_is_a_tree),
	    cmocka_unit_test(test_pack_categories_known),
	    cmocka_unit_test(test_nearest),
	};
	const struct CMUnitTest files[] = {
	    cmocka_unit_test(test_covers),
	    cmocka_unit_test(test_quoted_csv),
	    cmocka_unit_test(test_load_adds_and_keeps),
	    cmocka_unit_test(test_bad_files),
	};
	int failed =
	    cmocka_run_group_tests_name("taxonomy: shipped", shipped, load_shipped, free_shipped);
	failed += cmocka_run_group_tests_name("taxonomy: files", files, NULL, NULL);
	return failed ? 1 : 0;
}
