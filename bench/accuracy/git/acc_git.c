/*
 * Personal data carried through git's own machinery to seeded sinks, with
 * clean sink calls beside each flow that receive only non-personal data from
 * the same machinery. Sources: the `email` field of acc_profile
 * (annotation), and by rules.json the identity globals of ident.c
 * (`git_default_name`, `git_default_email`), read through git's accessors.
 */
#include "cache.h"
#include "run-command.h"
#include "string-list.h"
#include "hashmap.h"
#include "strbuf.h"

#include "acc_git.h"

/* --- run_processes_parallel keeps the caller's callbacks and their void *
 * cookie (opts->data) and hands the cookie back to each callback --- */

struct acc_label {
	char text[16];
};

static int acc_next_profile(struct child_process *cp, struct strbuf *out,
			    void *pp_cb, void **pp_task_cb)
{
	struct acc_profile *p = pp_cb;
	acc_ad_event(p->email); // expect: pii-to-advertising(user.contact.email)
	return 0; /* no task to start */
}

static int acc_next_label(struct child_process *cp, struct strbuf *out,
			  void *pp_cb, void **pp_task_cb)
{
	struct acc_label *l = pp_cb;
	acc_ad_event(l->text);
	return 0;
}

void acc_run_tasks(struct acc_profile *p)
{
	static struct acc_label label = {"fetch"};
	struct run_process_parallel_opts with_profile = {
		.tr2_category = "acc",
		.tr2_label = "profile",
		.processes = 1,
		.get_next_task = acc_next_profile,
		.data = p,
	};
	struct run_process_parallel_opts with_label = {
		.tr2_category = "acc",
		.tr2_label = "label",
		.processes = 1,
		.get_next_task = acc_next_label,
		.data = &label,
	};
	run_processes_parallel(&with_profile);
	run_processes_parallel(&with_label);
}

/* --- string builders: strbuf grows by realloc --- */

void acc_report_strings(const struct acc_profile *p)
{
	struct strbuf mail = STRBUF_INIT, who = STRBUF_INIT, plan = STRBUF_INIT;
	strbuf_addstr(&mail, "email=");
	strbuf_addstr(&mail, p->email);
	acc_stats_event(mail.buf); // expect: pii-to-analytics(user.contact.email)
	strbuf_addf(&who, "%s <%s>", ident_default_name(), ident_default_email());
	acc_usage_upload(who.buf); // expect: pii-to-analytics(user.name), pii-to-analytics(user.contact.email), pii-to-analytics(user.account.username), pii-to-analytics(user)
	strbuf_addf(&plan, "plan=%s id=%ld", p->plan, p->id);
	acc_stats_event(plan.buf);
	strbuf_release(&mail);
	strbuf_release(&who);
	strbuf_release(&plan);
}

/* --- containers: a string_list whose strings stay clean and whose util
 * pointers hold the data; a hashmap of entries whose keys stay clean --- */

void acc_report_string_list(const struct acc_profile *p)
{
	struct string_list fields = STRING_LIST_INIT_DUP;
	struct string_list_item *item;
	string_list_append(&fields, "email")->util = xstrdup(p->email);
	string_list_append(&fields, "plan")->util = NULL;
	for_each_string_list_item(item, &fields) {
		if (item->util)
			acc_ad_event(item->util); // expect: pii-to-advertising(user.contact.email)
		acc_ad_event(item->string);
	}
	string_list_clear(&fields, 1);
}

struct acc_entry {
	struct hashmap_entry ent;
	const char *key;
	char *value;
};

static int acc_entry_cmp(const void *data, const struct hashmap_entry *a,
			 const struct hashmap_entry *b, const void *keydata)
{
	const struct acc_entry *x = container_of(a, const struct acc_entry, ent);
	const struct acc_entry *y = container_of(b, const struct acc_entry, ent);
	return strcmp(x->key, keydata ? (const char *)keydata : y->key);
}

void acc_report_hashmap(const struct acc_profile *p)
{
	struct hashmap map;
	struct acc_entry *e = xmalloc(sizeof(*e)), *found;
	hashmap_init(&map, acc_entry_cmp, NULL, 0);
	hashmap_entry_init(&e->ent, strhash("email"));
	e->key = "email";
	e->value = xstrdup(p->email);
	hashmap_add(&map, &e->ent);
	found = hashmap_get_entry_from_hash(&map, strhash("email"), "email",
					    struct acc_entry, ent);
	if (found) {
		acc_stats_event(found->value); // expect: pii-to-analytics(user.contact.email)
		acc_stats_event(found->key);
	}
	free(e->value);
	hashmap_clear_and_free(&map, struct acc_entry, ent);
}

/* --- digests: SHA-1 through the constant table of hash algorithms and
 * git's hex encoding --- */

void acc_report_digests(const struct acc_profile *p)
{
	const struct git_hash_algo *algo = &hash_algos[GIT_HASH_SHA1];
	git_hash_ctx ctx;
	unsigned char mail_hash[GIT_MAX_RAWSZ], plan_hash[GIT_MAX_RAWSZ];
	char mail_hex[GIT_MAX_HEXSZ + 1], plan_hex[GIT_MAX_HEXSZ + 1];

	algo->init_fn(&ctx);
	algo->update_fn(&ctx, p->email, strlen(p->email));
	algo->final_fn(mail_hash, &ctx);
	acc_stats_event(hash_to_hex_algop_r(mail_hex, mail_hash, algo)); // expect: pii-to-analytics(user.contact.email)

	algo->init_fn(&ctx);
	algo->update_fn(&ctx, p->plan, strlen(p->plan));
	algo->final_fn(plan_hash, &ctx);
	acc_stats_event(hash_to_hex_algop_r(plan_hex, plan_hash, algo));
}

/* --- function pointers in two instances of one struct type --- */

struct acc_tracker {
	const char *name;
	void (*send)(const char *payload);
};

static void acc_log_line(const char *payload)
{
	trace_printf("acc: %s\n", payload);
}

static const struct acc_tracker acc_ads = {"ads", acc_ad_event};
static const struct acc_tracker acc_log = {"log", acc_log_line};

void acc_report_trackers(const struct acc_profile *p)
{
	acc_log.send(p->email);
	acc_ads.send(p->email); // expect: pii-to-advertising(user.contact.email)
	acc_ads.send(p->plan);
}

/*
 * The `who` strbuf of acc_report_strings: git fills its default identity
 * from the config, else from the passwd entry (getpwuid: the GECOS name, and
 * pw_name@host for the email) or $EMAIL, which the shipped libc rules make
 * personal data too; hence the four categories expected there.
 */
