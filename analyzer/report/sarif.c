/*
 * The SARIF 2.1.0 reporter, for GitHub code scanning and the editors and
 * dashboards that read SARIF. Each flow is one result located at the sink,
 * with the source as a related location and the whole trace as a code flow,
 * so that a viewer can walk from where the personal data was declared to
 * where it leaves for advertising. Accepted flows are results too, carrying
 * their suppression, so that an audit sees what was allowed and why. The
 * output must pass Microsoft's SARIF multitool with GitHub's ingestion rules:
 * every rule carries its descriptions and help, and relative paths are
 * resolved against %SRCROOT%, the working directory at write time.
 */
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_int.h"
#include "util/xalloc.h"

#define PF_SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define PF_SARIF_SRCROOT "%SRCROOT%"
/* Bump the version when pf_finding_fingerprint changes what it hashes. */
#define PF_SARIF_FINGERPRINT_KEY "piiflow/v2"
#define PF_FLOW_RULE_PREFIX "pii-to-"

/* Flow rules listed whether or not a run reports them, so that a
 * code-scanning service knows them before their first alert. */
static const char *const pf_fixed_flow_rules[] = {"pii-to-advertising", "pii-to-marketing",
                                                  "pii-to-analytics"};
static const char *const pf_diagnostic_rules[] = {"unknown-category",    "unused-suppression",
                                                  "invalid-suppression", "parse-error",
                                                  "unmatched-rule",      "misplaced-annotation"};

#define PF_COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef PF_VEC(const char *) pf_strvec;

static void set(json_t *obj, const char *key, json_t *value)
{
	json_object_set_new(obj, key, value);
}

static json_t *str(const char *s)
{
	return pf_report_json_string(s);
}

/* {"text": s} */
static json_t *message(const char *s)
{
	json_t *m = json_object();
	set(m, "text", str(s));
	return m;
}

/* ---- rules ---------------------------------------------------------------- */

static bool strvec_has(const pf_strvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the rule of every finding in v[0..n) that is not in ids yet. */
static void collect_flow_rules(pf_strvec *ids, const struct pf_finding *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].rule && v[i].rule[0] && !strvec_has(ids, v[i].rule))
			PF_VEC_PUSH(*ids, v[i].rule);
}

/* Every rule id the run can report, in a fixed order: the fixed flow rules,
 * other flow rules present (sorted), the diagnostic rules, then any other
 * diagnostic rule present (sorted). The strings are borrowed. */
static void collect_rule_ids(pf_strvec *ids, const struct pf_report *r)
{
	for (size_t i = 0; i < PF_COUNT(pf_fixed_flow_rules); i++)
		PF_VEC_PUSH(*ids, pf_fixed_flow_rules[i]);
	size_t first = ids->n;
	collect_flow_rules(ids, r->findings, r->nfindings);
	collect_flow_rules(ids, r->accepted, r->naccepted);
	qsort(ids->v + first, ids->n - first, sizeof(*ids->v), strp_cmp);

	for (size_t i = 0; i < PF_COUNT(pf_diagnostic_rules); i++)
		if (!strvec_has(ids, pf_diagnostic_rules[i]))
			PF_VEC_PUSH(*ids, pf_diagnostic_rules[i]);
	first = ids->n;
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		const char *id = r->diagnostics[i].rule;
		if (id && id[0] && !strvec_has(ids, id))
			PF_VEC_PUSH(*ids, id);
	}
	qsort(ids->v + first, ids->n - first, sizeof(*ids->v), strp_cmp);
}

static size_t rule_index(const pf_strvec *ids, const char *id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (id && strcmp(ids->v[i], id) == 0)
			return i;
	return 0;
}

/* "pii-to-advertising" -> "PiiToAdvertising": SARIF's rule name. */
static char *rule_name(const char *id)
{
	char *name = pf_xmalloc(strlen(id) + 1);
	size_t o = 0;
	bool up = true;
	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '_' || *p == '.') {
			up = true;
			continue;
		}
		name[o++] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		up = false;
	}
	name[o] = '\0';
	return name;
}

/* The texts of one rule; every string is heap-allocated. */
struct rule_text {
	char *short_desc, *full_desc, *help_text, *help_markdown;
	const char *level;
	const char *tags[4];
};

/* The commitment each flow rule enforces, as a sentence without its full
 * stop. */
static const char *const pf_why_advertising =
    "ISO/IEC 27018 commits a cloud processor of customer personal data (PII) not to use it "
    "for marketing or advertising without the data subject's express consent";
static const char *const pf_why_other =
    "Purpose limitation (GDPR art. 5(1)(b), and ISO/IEC 27018 for processors of customer "
    "PII) requires that personal data collected for one purpose is not used for another "
    "without a legal basis such as the data subject's express consent";

static void flow_rule_text(struct rule_text *t, const char *id, const char *purpose)
{
	bool ads = strcmp(purpose, "advertising") == 0 || strcmp(purpose, "marketing") == 0;
	const char *why = ads ? pf_why_advertising : pf_why_other;
	t->short_desc = pf_xasprintf("Personal data used for %s.", purpose);
	t->full_desc =
	    pf_xasprintf("Personal data reaches a function that uses it for %s. %s.", purpose, why);
	t->help_text = pf_xasprintf(
	    "piiflow follows data declared personal (PII(category) annotations and rules "
	    "files) through assignments, fields, pointers and calls, and reports each flow "
	    "that reaches a sink used for %s.\n\n"
	    "Why: %s.\n\n"
	    "How to fix:\n"
	    "- remove the flow: send an identifier that is not personal data, or nothing;\n"
	    "- anonymize the value first, in a function marked PII_ANONYMIZER (aggregation, "
	    "k-anonymity, coarse bucketing; a hash is not anonymization);\n"
	    "- make the call only after express consent: if (has_consent(user)) ..., with "
	    "has_consent declared PII_CONSENT(%s);\n"
	    "- if the flow is intended and lawful, suppress it on the sink's line or the line "
	    "above with a comment: piiflow-allow(%s): REASON",
	    purpose, why, purpose, id);
	t->help_markdown = pf_xasprintf(
	    "piiflow follows data declared personal (`PII(category)` annotations and rules "
	    "files) through assignments, fields, pointers and calls, and reports each flow "
	    "that reaches a sink used for **%s**.\n\n"
	    "**Why:** %s.\n\n"
	    "**How to fix:**\n\n"
	    "- Remove the flow: send an identifier that is not personal data, or nothing.\n"
	    "- Anonymize the value first, in a function marked `PII_ANONYMIZER` (aggregation, "
	    "k-anonymity, coarse bucketing). A hash is not anonymization: ad networks match "
	    "hashed e-mail addresses.\n"
	    "- Make the call only after express consent, with a function declared "
	    "`PII_CONSENT(%s)`:\n\n"
	    "  ```c\n"
	    "  if (has_consent(user))\n"
	    "          send_event(user->email);\n"
	    "  ```\n\n"
	    "- If the flow is intended and lawful, suppress it on the sink's line or the line "
	    "above: `/* piiflow-allow(%s): REASON */`. The reason is required.\n",
	    purpose, why, purpose, id);
	t->level = "error";
	t->tags[0] = "privacy";
	t->tags[1] = "security";
	t->tags[2] = ads ? "external/iso-27018" : "external/gdpr";
}

struct diag_help {
	const char *id, *short_desc, *full_desc, *help, *tag;
};

static const struct diag_help pf_diag_help[] = {
    {"unknown-category", "Unknown personal-data category.",
     "A PII(...) annotation or a rules file names a data category that is not in the "
     "shipped taxonomy of fideslang data-category keys.",
     "The flows of the category are still followed, but the name may be misspelled. Use a "
     "key of the fideslang taxonomy such as user.contact.email; the message suggests the "
     "nearest known key.",
     "annotations"},
    {"misplaced-annotation", "Annotation on a declaration it has no meaning on.",
     "A piiflow annotation sits on a kind of declaration it does not apply to (PII_CONSENT "
     "on a struct field, PII_ANONYMIZER on a variable, PII_OUT on a function), so it is "
     "ignored.",
     "Move it where it applies: PII_CONSENT and PII_ANONYMIZER on a function, PII_OUT on a "
     "pointer parameter, PII_SINK on a function or a parameter.",
     "annotations"},
    {"unused-suppression", "Suppression that matches no finding.",
     "A piiflow-allow(RULE): REASON comment matches no finding on its line or the line "
     "below.",
     "Remove the comment, or correct its rule id, so that it cannot hide a flow added "
     "later.",
     "suppressions"},
    {"parse-error", "Translation unit with compile errors.",
     "A translation unit had compile errors and --allow-parse-errors let piiflow analyze "
     "it as far as clang recovered, so flows through the broken code may be missed.",
     "Fix the compile errors, or pass the flags the build uses (-I, -D) after -- or "
     "through the compile database (-p DIR).",
     "reliability"},
    {"invalid-suppression", "Suppression without a reason.",
     "A piiflow-allow comment has no REASON (or no rule, or no closing parenthesis), so it "
     "suppresses nothing.",
     "Write piiflow-allow(RULE): REASON, with the reason the flow is acceptable.", "suppressions"},
    {"unmatched-rule", "Rules file entry that matches nothing.",
     "An entry of a rules file matched no function, field or variable of the analyzed "
     "program.",
     "Check the name in the entry: it may be misspelled or stale. Remove entries for code "
     "the program no longer uses.",
     "rules"},
    /* Reported by the engine only when it happens, so listed only then. */
    {"analysis-budget", "Analysis stopped at one of its limits.",
     "The analysis of a function or of the program reached one of piiflow's limits and "
     "stopped early there, so flows through that code may be missed.",
     "Split the function the message names, or report it to the piiflow maintainers with "
     "the message so that the limit can be raised.",
     "reliability"},
};

static void diag_rule_text(struct rule_text *t, const char *id)
{
	for (size_t i = 0; i < PF_COUNT(pf_diag_help); i++) {
		const struct diag_help *h = &pf_diag_help[i];
		if (strcmp(h->id, id) != 0)
			continue;
		t->short_desc = pf_xstrdup(h->short_desc);
		t->full_desc = pf_xstrdup(h->full_desc);
		t->help_text = pf_xasprintf("%s %s", h->full_desc, h->help);
		t->help_markdown =
		    pf_xasprintf("%s\n\n**How to fix:** %s\n", h->full_desc, h->help);
		t->level = "warning";
		t->tags[0] = "privacy";
		t->tags[1] = h->tag;
		return;
	}
	t->short_desc = pf_xasprintf("piiflow diagnostic %s.", id);
	t->full_desc =
	    pf_xasprintf("A diagnostic of piiflow (%s) that is not a flow of personal data.", id);
	t->help_text = pf_xasprintf("See the message of each result of %s for what to do.", id);
	t->help_markdown =
	    pf_xasprintf("See the message of each result of `%s` for what to do.\n", id);
	t->level = "warning";
	t->tags[0] = "privacy";
}

static json_t *rule_json(const char *id)
{
	struct rule_text t = {0};
	if (strncmp(id, PF_FLOW_RULE_PREFIX, strlen(PF_FLOW_RULE_PREFIX)) == 0 &&
	    id[strlen(PF_FLOW_RULE_PREFIX)])
		flow_rule_text(&t, id, id + strlen(PF_FLOW_RULE_PREFIX));
	else
		diag_rule_text(&t, id);

	json_t *rule = json_object();
	set(rule, "id", str(id));
	char *name = rule_name(id);
	set(rule, "name", str(name));
	free(name);
	set(rule, "shortDescription", message(t.short_desc));
	set(rule, "fullDescription", message(t.full_desc));
	json_t *help = message(t.help_text);
	set(help, "markdown", str(t.help_markdown));
	set(rule, "help", help);
	json_t *config = json_object();
	set(config, "level", str(t.level));
	set(rule, "defaultConfiguration", config);
	json_t *tags = json_array();
	for (size_t i = 0; i < PF_COUNT(t.tags) && t.tags[i]; i++)
		json_array_append_new(tags, str(t.tags[i]));
	json_t *props = json_object();
	set(props, "tags", tags);
	set(rule, "properties", props);
	free(t.short_desc);
	free(t.full_desc);
	free(t.help_text);
	free(t.help_markdown);
	return rule;
}

/* ---- locations ------------------------------------------------------------ */

/* Percent-encodes everything but unreserved characters (RFC 3986) and '/'. */
static char *uri_encode(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = pf_xmalloc(strlen(path) * 3 + 1);
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 0xf];
		}
	}
	out[o] = '\0';
	return out;
}

/* {"uri": ..., "uriBaseId": "%SRCROOT%"} for a relative path, {"uri":
 * "file:///..."} for an absolute one. */
static json_t *artifact_location(const char *file)
{
	json_t *a = json_object();
	if (file[0] == '/') {
		char *enc = uri_encode(file);
		char *uri = pf_xasprintf("file://%s", enc);
		set(a, "uri", str(uri));
		free(uri);
		free(enc);
		return a;
	}
	while (file[0] == '.' && file[1] == '/') {
		file += 2;
		while (file[0] == '/')
			file++;
	}
	char *enc = uri_encode(file[0] ? file : ".");
	set(a, "uri", str(enc));
	set(a, "uriBaseId", str(PF_SARIF_SRCROOT));
	free(enc);
	return a;
}

/* The physicalLocation of p, or NULL when p names no file. */
static json_t *physical_location(const struct pf_pos *p)
{
	if (!p->file || !p->file[0])
		return NULL;
	json_t *phys = json_object();
	set(phys, "artifactLocation", artifact_location(p->file));
	if (p->line) {
		json_t *region = json_object();
		set(region, "startLine", json_integer(p->line));
		if (p->column)
			set(region, "startColumn", json_integer(p->column));
		set(phys, "region", region);
	}
	return phys;
}

/* A location at p with an optional message; with no file, only the message. */
static json_t *location(const struct pf_pos *p, const char *text)
{
	json_t *loc = json_object();
	json_t *phys = physical_location(p);
	if (phys)
		set(loc, "physicalLocation", phys);
	if (text)
		set(loc, "message", message(text));
	return loc;
}

/* ---- results -------------------------------------------------------------- */

/* The finding's message, composed when the engine left it empty. The caller
 * frees *owned. */
static const char *finding_message(const struct pf_finding *f, char **owned)
{
	*owned = NULL;
	if (f->message && f->message[0])
		return f->message;
	return *owned = pf_finding_compose_message(f);
}

/* One code flow per source: the source, then its trace, which ends at the
 * sink call. */
static json_t *code_flows(const struct pf_finding *f)
{
	json_t *flows = json_array();
	for (size_t k = 0; k < f->nsources; k++) {
		const struct pf_finding_source *s = &f->sources[k];
		char *note = pf_finding_source_note_of(s);
		json_t *steps = json_array();
		json_t *step = json_object();
		set(step, "location", location(&s->pos, note));
		json_array_append_new(steps, step);
		free(note);
		for (size_t i = 0; i < s->ntrace; i++) {
			step = json_object();
			set(step, "location",
			    location(&s->trace[i].pos,
			             s->trace[i].message ? s->trace[i].message : ""));
			json_array_append_new(steps, step);
		}
		json_t *thread = json_object();
		set(thread, "locations", steps);
		json_t *threads = json_array();
		json_array_append_new(threads, thread);
		json_t *flow = json_object();
		set(flow, "threadFlows", threads);
		json_array_append_new(flows, flow);
	}
	return flows;
}

static json_t *suppression(const struct pf_finding *f)
{
	json_t *s = json_object();
	char *justification;
	if (strcmp(f->accepted_by, "suppression") == 0) {
		set(s, "kind", str("inSource"));
		justification =
		    pf_xstrdup(f->reason && f->reason[0] ? f->reason : "suppressed in source");
	} else {
		set(s, "kind", str("external"));
		if (strcmp(f->accepted_by, "baseline") == 0)
			justification = pf_xstrdup("recorded in the baseline file");
		else if (strcmp(f->accepted_by, "consent") == 0 && f->consent_function) {
			char *check = pf_finding_consent_text(f);
			justification = pf_xasprintf("reached only after a PII_CONSENT(%s) check "
			                             "returned nonzero (%s): the data subject "
			                             "expressly consented",
			                             f->purpose ? f->purpose : "", check);
			free(check);
			/* where the check is, and which function it calls */
			if (f->consent.file && f->consent.file[0]) {
				char *here = pf_xasprintf("consent checked by '%s' here",
				                          f->consent_function);
				set(s, "location", location(&f->consent, here));
				free(here);
			}
			json_t *props = json_object();
			set(props, "consentFunction", str(f->consent_function));
			set(s, "properties", props);
		} else if (strcmp(f->accepted_by, "consent") == 0)
			justification = pf_xasprintf("reached only after a PII_CONSENT(%s) check "
			                             "returned nonzero: the data subject expressly "
			                             "consented",
			                             f->purpose ? f->purpose : "");
		else
			justification = pf_xasprintf("accepted by %s", f->accepted_by);
		if (f->reason && f->reason[0]) {
			char *more = pf_xasprintf("%s: %s", justification, f->reason);
			free(justification);
			justification = more;
		}
	}
	set(s, "status", str("accepted"));
	set(s, "justification", str(justification));
	free(justification);
	json_t *list = json_array();
	json_array_append_new(list, s);
	return list;
}

static json_t *finding_result(const struct pf_finding *f, const pf_strvec *ids, size_t occurrence)
{
	char *owned;
	const char *msg = finding_message(f, &owned);
	json_t *res = json_object();
	set(res, "ruleId", str(f->rule));
	set(res, "ruleIndex", json_integer((json_int_t)rule_index(ids, f->rule)));
	set(res, "level", str(pf_severity_name(f->severity)));
	set(res, "message", message(msg));

	json_t *locs = json_array();
	json_t *sink = location(&f->sink, NULL);
	if (f->sink_function && f->sink_function[0]) {
		json_t *logical = json_object();
		set(logical, "name", str(f->sink_function));
		set(logical, "kind", str("function"));
		json_t *logicals = json_array();
		json_array_append_new(logicals, logical);
		set(sink, "logicalLocations", logicals);
	}
	json_array_append_new(locs, sink);
	set(res, "locations", locs);

	json_t *rels = json_array();
	for (size_t k = 0; k < f->nsources; k++) {
		json_t *src = physical_location(&f->sources[k].pos);
		if (!src)
			continue;
		char *snote = pf_finding_source_note_of(&f->sources[k]);
		json_t *rel = json_object();
		set(rel, "id", json_integer((json_int_t)k + 1));
		set(rel, "physicalLocation", src);
		set(rel, "message", message(snote));
		free(snote);
		json_array_append_new(rels, rel);
	}
	if (json_array_size(rels))
		set(res, "relatedLocations", rels);
	else
		json_decref(rels);
	set(res, "codeFlows", code_flows(f));

	json_t *fp = json_object();
	if (occurrence > 1) {
		char *numbered = pf_xasprintf("%s:%zu", f->fingerprint, occurrence);
		set(fp, PF_SARIF_FINGERPRINT_KEY, str(numbered));
		free(numbered);
	} else {
		set(fp, PF_SARIF_FINGERPRINT_KEY, str(f->fingerprint));
	}
	set(res, "partialFingerprints", fp);
	if (f->accepted_by)
		set(res, "suppressions", suppression(f));
	free(owned);
	return res;
}

/* A diagnostic with a position is a result. GitHub rejects results without a
 * location, so one without a file (a problem of the run as a whole) is a
 * notification of the invocation instead; see invocations(). */
static json_t *diagnostic_result(const struct pf_diagnostic *d, const pf_strvec *ids)
{
	json_t *res = json_object();
	set(res, "ruleId", str(d->rule));
	set(res, "ruleIndex", json_integer((json_int_t)rule_index(ids, d->rule)));
	set(res, "level", str(pf_severity_name(d->severity)));
	set(res, "message", message(d->message && d->message[0] ? d->message : d->rule));
	json_t *locs = json_array();
	json_array_append_new(locs, location(&d->pos, NULL));
	set(res, "locations", locs);
	return res;
}

static bool has_file(const struct pf_pos *p)
{
	return p->file && p->file[0];
}

/* [{"executionSuccessful": true, "toolExecutionNotifications": [...]}] for
 * the diagnostics without a file, or NULL when there are none. */
static json_t *invocations(const struct pf_report *r, const pf_strvec *ids)
{
	json_t *notes = json_array();
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		const struct pf_diagnostic *d = &r->diagnostics[i];
		if (has_file(&d->pos))
			continue;
		json_t *n = json_object();
		set(n, "level", str(pf_severity_name(d->severity)));
		set(n, "message", message(d->message && d->message[0] ? d->message : d->rule));
		json_t *rule = json_object();
		set(rule, "id", str(d->rule));
		set(rule, "index", json_integer((json_int_t)rule_index(ids, d->rule)));
		set(n, "associatedRule", rule);
		json_array_append_new(notes, n);
	}
	if (!json_array_size(notes)) {
		json_decref(notes);
		return NULL;
	}
	json_t *inv = json_object();
	set(inv, "executionSuccessful", json_true());
	set(inv, "toolExecutionNotifications", notes);
	json_t *list = json_array();
	json_array_append_new(list, inv);
	return list;
}

/* ---- fingerprints ---------------------------------------------------------- */

/* Two flows of one run can share a fingerprint: the same source reaching the
 * same callee twice in one function, once with consent and once without. A
 * code-scanning service merges results whose partialFingerprints are equal,
 * so the accepted twin could close the violation's alert. As CodeQL does, the
 * second and later results of a fingerprint get ":2", ":3", ... in result
 * order (findings first, then accepted, each sorted), so the first keeps the
 * fingerprint of the JSON report. */
struct fp_slot {
	const char *fp;
	size_t result; /* index into findings, then accepted */
};

static int fp_slot_cmp(const void *pa, const void *pb)
{
	const struct fp_slot *a = pa, *b = pb;
	int c = strcmp(a->fp, b->fp);
	return c ? c : (a->result > b->result) - (a->result < b->result);
}

/* Returns occurrence[i] (from 1) for each of the nfindings + naccepted flow
 * results; the caller frees it. */
static size_t *fingerprint_occurrences(const struct pf_report *r)
{
	size_t n = r->nfindings + r->naccepted;
	size_t *occ = pf_xcalloc(n, sizeof(*occ));
	struct fp_slot *slots = pf_xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < n; i++) {
		slots[i].fp = i < r->nfindings ? r->findings[i].fingerprint
		                               : r->accepted[i - r->nfindings].fingerprint;
		slots[i].result = i;
	}
	qsort(slots, n, sizeof(*slots), fp_slot_cmp);
	for (size_t i = 0; i < n; i++)
		occ[slots[i].result] = i && strcmp(slots[i - 1].fp, slots[i].fp) == 0
		                           ? occ[slots[i - 1].result] + 1
		                           : 1;
	free(slots);
	return occ;
}

/* ---- the log -------------------------------------------------------------- */

/* {"%SRCROOT%": {"uri": "file:///cwd/"}}, or NULL when the working directory
 * cannot be read. */
static json_t *original_uri_base_ids(void)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd || cwd[0] != '/') {
		free(cwd);
		return NULL;
	}
	char *enc = uri_encode(cwd);
	size_t n = strlen(enc);
	char *uri = pf_xasprintf("file://%s%s", enc, n && enc[n - 1] == '/' ? "" : "/");
	json_t *base = json_object();
	set(base, "uri", str(uri));
	json_t *bases = json_object();
	set(bases, PF_SARIF_SRCROOT, base);
	free(uri);
	free(enc);
	free(cwd);
	return bases;
}

static json_t *driver_json(const pf_strvec *ids)
{
	json_t *driver = json_object();
	set(driver, "name", str(PF_TOOL_NAME));
	set(driver, "version", str(PF_TOOL_VERSION));
	set(driver, "semanticVersion", str(PF_TOOL_VERSION));
	json_t *rules = json_array();
	for (size_t i = 0; i < ids->n; i++)
		json_array_append_new(rules, rule_json(ids->v[i]));
	set(driver, "rules", rules);
	return driver;
}

int pf_report_write_sarif(FILE *out, const struct pf_report *r)
{
	pf_strvec ids = {0};
	collect_rule_ids(&ids, r);

	json_t *run = json_object();
	json_t *tool = json_object();
	set(tool, "driver", driver_json(&ids));
	set(run, "tool", tool);
	json_t *bases = original_uri_base_ids();
	if (bases)
		set(run, "originalUriBaseIds", bases);

	size_t *occ = fingerprint_occurrences(r);
	json_t *results = json_array();
	for (size_t i = 0; i < r->nfindings; i++)
		json_array_append_new(results, finding_result(&r->findings[i], &ids, occ[i]));
	for (size_t i = 0; i < r->naccepted; i++)
		json_array_append_new(results,
		                      finding_result(&r->accepted[i], &ids, occ[r->nfindings + i]));
	free(occ);
	for (size_t i = 0; i < r->ndiagnostics; i++)
		if (has_file(&r->diagnostics[i].pos))
			json_array_append_new(results, diagnostic_result(&r->diagnostics[i], &ids));
	set(run, "results", results);
	json_t *inv = invocations(r, &ids);
	if (inv)
		set(run, "invocations", inv);

	json_t *runs = json_array();
	json_array_append_new(runs, run);
	json_t *root = json_object();
	set(root, "$schema", str(PF_SARIF_SCHEMA));
	set(root, "version", str("2.1.0"));
	set(root, "runs", runs);

	int rc = pf_report_json_dump(out, root);
	json_decref(root);
	PF_VEC_FREE(ids);
	return rc;
}
