/*
 * Personal data carried through curl's own machinery to seeded sinks, with
 * clean sink calls beside each flow that receive only non-personal data from
 * the same machinery. Sources: the `email` field of acc_profile
 * (annotation), and by rules.json the user name of a connection
 * (`connectdata.user`).
 */
#include "curl_setup.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "urldata.h"
#include "dynbuf.h"
#include "llist.h"
#include "hash.h"
#include "curl_md5.h"
#include "curl_base64.h"

#include "acc_curl.h"

/* --- the easy handle's callback table: a write callback and its void *
 * user data are kept in the heap handle (data->set) and handed back by the
 * transfer --- */

struct acc_label {
  char text[16];
};

static size_t acc_write_profile(char *buf, size_t size, size_t nmemb, void *userdata)
{
  struct acc_profile *p = userdata;
  (void)buf;
  acc_ad_event(p->email); // expect: pii-to-advertising(user.contact.email)
  return size * nmemb;
}

static size_t acc_write_label(char *buf, size_t size, size_t nmemb, void *userdata)
{
  struct acc_label *l = userdata;
  (void)buf;
  acc_stats_event(l->text);
  return size * nmemb;
}

void acc_fetch(const char *url, struct acc_profile *p)
{
  static struct acc_label label = {"download"};
  CURL *a = curl_easy_init();
  CURL *b = curl_easy_init();
  if(!a || !b)
    goto out;
  curl_easy_setopt(a, CURLOPT_URL, url);
  curl_easy_setopt(a, CURLOPT_WRITEFUNCTION, acc_write_profile);
  curl_easy_setopt(a, CURLOPT_WRITEDATA, p);
  curl_easy_setopt(b, CURLOPT_URL, url);
  curl_easy_setopt(b, CURLOPT_WRITEFUNCTION, acc_write_label);
  curl_easy_setopt(b, CURLOPT_WRITEDATA, &label);
  curl_easy_perform(a);
  curl_easy_perform(b);
out:
  curl_easy_cleanup(a);
  curl_easy_cleanup(b);
}

/* --- string builders: dynbuf grows by realloc --- */

void acc_report_strings(const struct acc_profile *p, struct connectdata *conn)
{
  struct dynbuf mail, who, plan;
  Curl_dyn_init(&mail, 1024);
  Curl_dyn_init(&who, 1024);
  Curl_dyn_init(&plan, 1024);
  if(!Curl_dyn_add(&mail, "email=") && !Curl_dyn_add(&mail, p->email))
    acc_stats_event(Curl_dyn_ptr(&mail)); // expect: pii-to-analytics(user.contact.email)
  if(!Curl_dyn_addf(&who, "user=%s id=%ld", conn->user, p->id))
    acc_partner_upload(Curl_dyn_ptr(&who)); // expect: pii-to-advertising(user.account.username)
  if(!Curl_dyn_addf(&plan, "plan=%s id=%ld", p->plan, p->id))
    acc_stats_event(Curl_dyn_ptr(&plan));
  Curl_dyn_free(&mail);
  Curl_dyn_free(&who);
  Curl_dyn_free(&plan);
}

/* --- containers: two Curl_llists, a Curl_hash whose keys stay clean --- */

static void acc_no_dtor(void *user, void *ptr)
{
  (void)user;
  (void)ptr;
}

void acc_report_lists(const struct acc_profile *p)
{
  struct Curl_llist mails, tags;
  struct Curl_llist_element n1, n2, n3;
  struct Curl_llist_element *e;
  Curl_llist_init(&mails, acc_no_dtor);
  Curl_llist_init(&tags, acc_no_dtor);
  Curl_llist_insert_next(&mails, mails.tail, p->email, &n1);
  Curl_llist_insert_next(&tags, tags.tail, "beta", &n2);
  Curl_llist_insert_next(&tags, tags.tail, "eu-west", &n3);
  for(e = mails.head; e; e = e->next)
    acc_ad_event(e->ptr); // expect: pii-to-advertising(user.contact.email)
  for(e = tags.head; e; e = e->next)
    acc_ad_event(e->ptr);
}

static void acc_hash_dtor(void *p)
{
  free(p);
}

void acc_report_hash(const struct acc_profile *p)
{
  struct Curl_hash h;
  struct Curl_hash_iterator it;
  struct Curl_hash_element *he;
  char *copy = strdup(p->email);
  char *found;
  if(!copy)
    return;
  Curl_hash_init(&h, 7, Curl_hash_str, Curl_str_key_compare, acc_hash_dtor);
  if(!Curl_hash_add(&h, (void *)"email", 6, copy)) {
    free(copy);
    Curl_hash_destroy(&h);
    return;
  }
  found = Curl_hash_pick(&h, (void *)"email", 6);
  if(found)
    acc_stats_event(found); // expect: pii-to-analytics(user.contact.email)
  Curl_hash_start_iterate(&h, &it);
  while((he = Curl_hash_next_element(&it)) != NULL)
    acc_stats_event(he->key);
  Curl_hash_destroy(&h);
}

/* --- digests and encodings: curl's MD5 and base64 --- */

static void acc_hex(const unsigned char *in, size_t n, char *out)
{
  static const char digits[] = "0123456789abcdef";
  size_t i;
  for(i = 0; i < n; i++) {
    out[2 * i] = digits[in[i] >> 4];
    out[2 * i + 1] = digits[in[i] & 15];
  }
  out[2 * n] = '\0';
}

void acc_report_digests(const struct acc_profile *p)
{
  unsigned char mail_md5[16], plan_md5[16];
  char mail_hex[33], plan_hex[33];
  char *b64 = NULL;
  size_t b64len = 0;
  if(!Curl_md5it(mail_md5, (const unsigned char *)p->email, strlen(p->email))) {
    acc_hex(mail_md5, sizeof(mail_md5), mail_hex);
    acc_stats_event(mail_hex); // expect: pii-to-analytics(user.contact.email)
  }
  if(!Curl_md5it(plan_md5, (const unsigned char *)p->plan, strlen(p->plan))) {
    acc_hex(plan_md5, sizeof(plan_md5), plan_hex);
    acc_stats_event(plan_hex);
  }
  if(!Curl_base64_encode(p->email, strlen(p->email), &b64, &b64len)) {
    acc_ad_event(b64); // expect: pii-to-advertising(user.contact.email)
    free(b64);
  }
}

/* --- function pointers in two instances of one struct type --- */

struct acc_tracker {
  const char *name;
  void (*send)(const char *payload);
};

static void acc_log_line(const char *payload)
{
  fprintf(stderr, "acc: %s\n", payload);
}

static const struct acc_tracker acc_ads = {"ads", acc_ad_event};
static const struct acc_tracker acc_log = {"log", acc_log_line};

void acc_report_trackers(const struct acc_profile *p)
{
  acc_log.send(p->email);
  acc_ads.send(p->email); // expect: pii-to-advertising(user.contact.email)
  acc_ads.send(p->plan);
}
