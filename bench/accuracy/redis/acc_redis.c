/*
 * Personal data carried through redis's own machinery to seeded sinks, with
 * clean sink calls beside each flow that receive only non-personal data from
 * the same machinery. Sources: the `email` field of acc_profile
 * (annotation), and by rules.json the ACL user's name (`user.name`) and a
 * client's cached peer address (`client.peerid`).
 */
#include "server.h"
#include "acc_redis.h"

#include <string.h>

/* --- event loop: a timer and a file event keep a void * context in a heap
 * event (ae.c) and hand it back to their callback later --- */

struct acc_label {
    char text[16];
};

static struct acc_label acc_tick_label = {"tick"};

static int acc_timer_user(aeEventLoop *el, long long id, void *clientData) {
    user *u = clientData;
    UNUSED(el);
    UNUSED(id);
    acc_stats_event(u->name); // expect: pii-to-analytics(user.account.username)
    return AE_NOMORE;
}

static int acc_timer_label(aeEventLoop *el, long long id, void *clientData) {
    struct acc_label *l = clientData;
    UNUSED(el);
    UNUSED(id);
    acc_ad_event(l->text);
    return AE_NOMORE;
}

void acc_schedule_reports(aeEventLoop *el, user *u) {
    aeCreateTimeEvent(el, 100, acc_timer_user, u, NULL);
    aeCreateTimeEvent(el, 100, acc_timer_label, &acc_tick_label, NULL);
}

static void acc_on_readable(aeEventLoop *el, int fd, void *clientData, int mask) {
    struct acc_profile *p = clientData;
    UNUSED(el);
    UNUSED(fd);
    UNUSED(mask);
    acc_ad_event(p->email); // expect: pii-to-advertising(user.contact.email)
    zfree(p);
}

void acc_watch_socket(aeEventLoop *el, int fd, const struct acc_profile *p) {
    struct acc_profile *copy = zmalloc(sizeof(*copy));
    memcpy(copy, p, sizeof(*copy));
    aeCreateFileEvent(el, fd, AE_READABLE, acc_on_readable, copy);
}

/* --- string builders: sds grows by realloc (sdsMakeRoomFor) --- */

void acc_report_strings(const struct acc_profile *p, user *u) {
    sds s = sdsempty();
    s = sdscatlen(s, "email=", 6);
    s = sdscatlen(s, p->email, strlen(p->email));
    acc_stats_event(s); // expect: pii-to-analytics(user.contact.email)
    sdsfree(s);

    sds who = sdscatprintf(sdsempty(), "user=%s id=%ld", u->name, p->id);
    acc_partner_upload(who); // expect: pii-to-advertising(user.account.username)
    sdsfree(who);

    sds plan = sdscatprintf(sdsempty(), "plan=%s id=%ld", p->plan, p->id);
    acc_stats_event(plan);
    sdsfree(plan);
}

/* --- reference-counted objects: robj keeps the bytes behind o->ptr --- */

void acc_report_objects(const struct acc_profile *p) {
    robj *mail = createStringObject(p->email, strlen(p->email));
    robj *plan = createStringObject(p->plan, strlen(p->plan));
    incrRefCount(mail);
    acc_ad_event(mail->ptr); // expect: pii-to-advertising(user.contact.email)
    acc_ad_event(plan->ptr);
    decrRefCount(mail);
    decrRefCount(mail);
    decrRefCount(plan);
}

/* --- containers: a dict (the key stays clean), two adlists --- */

void acc_report_dict(const struct acc_profile *p) {
    dict *d = dictCreate(&hashDictType);
    sds key = sdsnew("email");
    dictAdd(d, sdsnew("email"), sdsnew(p->email));
    dictEntry *de = dictFind(d, key);
    if (de) {
        acc_stats_event(dictGetVal(de)); // expect: pii-to-analytics(user.contact.email)
        acc_stats_event(dictGetKey(de));
    }
    sdsfree(key);
    dictRelease(d);
}

void acc_report_lists(user *u) {
    list *names = listCreate();
    list *tags = listCreate();
    listAddNodeTail(names, sdsdup(u->name));
    listAddNodeTail(tags, "beta");
    listAddNodeTail(tags, "eu-west");
    listIter li;
    listNode *ln;
    listRewind(names, &li);
    while ((ln = listNext(&li)) != NULL)
        acc_ad_event(listNodeValue(ln)); // expect: pii-to-advertising(user.account.username)
    listRewind(tags, &li);
    while ((ln = listNext(&li)) != NULL)
        acc_ad_event(listNodeValue(ln));
    listSetFreeMethod(names, (void (*)(void *))sdsfree);
    listRelease(names);
    listRelease(tags);
}

/* --- digests: redis's crc64 (table driven) and siphash --- */

void acc_report_digests(const struct acc_profile *p) {
    crc64_init();
    uint64_t mail_crc = crc64(0, (const unsigned char *)p->email, strlen(p->email));
    uint64_t plan_crc = crc64(0, (const unsigned char *)p->plan, strlen(p->plan));
    acc_stats_id(mail_crc); // expect: pii-to-analytics(user.contact.email)
    acc_stats_id(plan_crc);
    acc_stats_id(dictGenHashFunction(p->email, strlen(p->email))); // expect: pii-to-analytics(user.contact.email)
}

/* --- function pointers in two instances of one struct type --- */

struct acc_tracker {
    const char *name;
    void (*send)(const char *payload);
};

static void acc_log_line(const char *payload) {
    serverLog(LL_NOTICE, "acc: %s", payload);
}

static struct acc_tracker acc_ads = {"ads", acc_ad_event};
static struct acc_tracker acc_log = {"log", acc_log_line};

void acc_report_trackers(const struct acc_profile *p) {
    acc_log.send(p->email);
    acc_ads.send(p->email); // expect: pii-to-advertising(user.contact.email)
    acc_ads.send(p->plan);
}

/* --- a client's address by redis's own accessor; its type name is a
 * constant from a switch --- */

void acc_report_client(client *c) {
    acc_ad_event(getClientPeerId(c)); // expect: pii-to-advertising(user.device.ip_address)
    acc_stats_event(getClientTypeName(getClientType(c)));
}
