/*
 * piiflow's command line: parses options (getopt_long) and hands a
 * pf_check_options to the driver (or pf_lsp_options to the language
 * server). Nothing else lives here.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "lsp/lsp.h"
#include "report/report.h"

static void pf_usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: piiflow check [OPTIONS] [PATH...] [-- COMPILER_FLAGS...]\n"
	    "       piiflow map [OPTIONS] [PATH...] [-- COMPILER_FLAGS...]\n"
	    "       piiflow discover [OPTIONS] [PATH...] [-- COMPILER_FLAGS...]\n"
	    "       piiflow rules list [--rules FILE]... [--no-default-rules]\n"
	    "                          [--config FILE | --no-config]\n"
	    "       piiflow rules check FILE...\n"
	    "       piiflow lsp [-p DIR] [--rules FILE]... [--no-default-rules] [--config FILE]\n"
	    "       piiflow cc [--ir-dir DIR] [--] COMPILER ARGS...\n"
	    "       piiflow --version | --help\n"
	    "\n"
	    "Follows personal data (PII) through a C program and reports every flow\n"
	    "into an advertising, marketing or analytics sink.\n"
	    "\n"
	    "options of check:\n"
	    "  -p DIR                 read DIR/compile_commands.json; PATHs then filter the "
	    "report\n"
	    "  --rules FILE           add a rules file (repeatable)\n"
	    "  --no-default-rules     do not load the shipped rules packs\n"
	    "  --format FMT           text (default), json or sarif\n"
	    "  -o FILE                write the report to FILE instead of stdout\n"
	    "  --baseline FILE        do not report the findings recorded in FILE\n"
	    "  --write-baseline FILE  record the current findings in FILE and exit 0\n"
	    "  --new-since REF|FILE   report only findings that are new: against git revision\n"
	    "                         REF (HEAD in hooks; no commit yet: all are new) or a\n"
	    "                         JSON or SARIF report FILE of the base build, compared\n"
	    "                         as counts per fingerprint\n"
	    "  --staged               analyze the content staged in git's index, not the work\n"
	    "                         tree (the plain pre-commit hook)\n"
	    "  --config FILE          read FILE instead of the nearest .piiflow.json\n"
	    "  --no-config            read no .piiflow.json\n"
	    "  --no-cache             do not use the IR cache (each unit's parsed IR)\n"
	    "  --cache-dir DIR        keep the IR cache in DIR\n"
	    "  --emit-ir DIR          only parse: write each unit's IR to DIR\n"
	    "  --from-ir DIR          analyze and report the IR files found in DIR\n"
	    "  --emit-summaries DIR, --from-summaries DIR\n"
	    "                         old names of --emit-ir and --from-ir (until 0.3)\n"
	    "  -j N                   translation units parsed in parallel (default: CPUs)\n"
	    "  --analysis-budget N    millions of operations the flow analysis may spend\n"
	    "                         before it degrades (default: 10 per function; 0: none)\n"
	    "  --fail-on LEVEL        error (default), warning or never: what makes exit 1\n"
	    "  --allow-parse-errors   a unit with compile errors (a header not found) is a\n"
	    "                         warning, analyzed as far as clang recovers; by\n"
	    "                         default it stops the run with exit 2\n"
	    "  --explain              list the functions analyzed and the opaque calls\n"
	    "                         personal data passed through\n"
	    "  -q, --quiet            no progress output\n"
	    "\n"
	    "map: the data map, every personal-data source and the purposes and sinks it\n"
	    "reaches (reported, accepted under consent, suppressed, baselined); the\n"
	    "options of check, with --format text (default), json, markdown, dot or\n"
	    "fideslang (a fideslang system manifest, YAML); exit 0 unless an input error.\n"
	    "\n"
	    "discover: suggested PII(...) annotations for fields, globals, parameters and\n"
	    "functions that carry none, from their names and types, each with a category\n"
	    "and a confidence; the options of check, with --format text (default), rules\n"
	    "(a rules file of sources for --rules) or patch (a diff for patch -p1).\n"
	    "\n"
	    "lsp: a language server (LSP 3.17) on stdin/stdout for editors: findings of\n"
	    "  the open buffers at their sinks, the trace as related information; takes\n"
	    "  -p, --rules, --no-default-rules, --config, --no-config of check and\n"
	    "  --delay-ms N (pause after an edit before analyzing, default 300)\n"
	    "\n"
	    "cc: the compiler launcher, for CMAKE_C_COMPILER_LAUNCHER=\"piiflow;cc;--\" or\n"
	    "  CC=\"piiflow cc -- gcc\": runs the compile command unchanged (its output, its\n"
	    "  exit status) and then writes the IR of each C source it compiled beside the\n"
	    "  object (OBJECT.pfir and OBJECT.pfunit) for a later check --from-ir BUILD_DIR;\n"
	    "  an analysis error is recorded there, never fails the build. Options, before\n"
	    "  the compiler:\n"
	    "  --ir-dir DIR           write the IR into DIR instead (or $PIIFLOW_IR_DIR)\n"
	    "  --rules FILE, --no-default-rules, --config FILE, --no-config, --no-cache,\n"
	    "  --cache-dir DIR        as for check; the link phase must load the same rules\n"
	    "  check -p BUILD_DIR --from-ir DIR links only the units the compile database\n"
	    "  lists and exits 2 when one has no IR (docs/launcher.md)\n"
	    "\n"
	    "rules commands:\n"
	    "  rules list             the rules a check loads (shipped packs, config, --rules),\n"
	    "                         one line per entry, grouped by file\n"
	    "  rules check FILE...    validate rules files: \"FILE: ok (N entries)\" or the error\n"
	    "\n"
	    "config: .piiflow.json, looked up from the working directory upwards, sets\n"
	    "build_dir, rules, exclude (path globs), policy (error, warning or off per\n"
	    "purpose, optionally per category), cache_dir, analysis_budget,\n"
	    "allow_parse_errors, baseline (the file --baseline reads) and data_uses (a\n"
	    "purpose of the project's own -> fideslang data use, for map); options on the\n"
	    "command line win.\n"
	    "with -p, a PATH that the compile database does not list gets the flags of its\n"
	    "nearest entry; entries whose file was deleted are skipped with a warning.\n"
	    "suppress one finding with a comment piiflow-allow(RULE): REASON on the sink's\n"
	    "line or the line above; the reason is required.\n"
	    "\n"
	    "exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error\n");
}

#define PF_CHECK_USAGE "piiflow check [OPTIONS] [PATH...] [-- COMPILER_FLAGS...]"
#define PF_LSP_USAGE                                                                               \
	"piiflow lsp [-p DIR] [--rules FILE]... [--no-default-rules] [--config FILE | "            \
	"--no-config] [--delay-ms N]"
#define PF_RULES_USAGE "piiflow rules list [OPTIONS] | piiflow rules check FILE..."

/* Prints "piiflow: MESSAGE" and the usage line of a command; returns 2. */
__attribute__((format(printf, 2, 3))) static int pf_bad_usage_of(const char *usage, const char *fmt,
                                                                 ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "piiflow: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s (see piiflow --help)\n", usage);
	return PF_EXIT_ERROR;
}

#define pf_bad_usage(...) pf_bad_usage_of(PF_CHECK_USAGE, __VA_ARGS__)
#define pf_bad_rules_usage(...) pf_bad_usage_of(PF_RULES_USAGE, __VA_ARGS__)

/* The --format values of each command. */
struct pf_format_name {
	const char *name;
	enum pf_format format;
};
static const struct pf_format_name pf_check_formats[] = {
    {"text", PF_FORMAT_TEXT}, {"json", PF_FORMAT_JSON}, {"sarif", PF_FORMAT_SARIF}, {NULL, 0}};
static const struct pf_format_name pf_map_formats[] = {
    {"text", PF_FORMAT_TEXT}, {"json", PF_FORMAT_JSON},           {"markdown", PF_FORMAT_MARKDOWN},
    {"dot", PF_FORMAT_DOT},   {"fideslang", PF_FORMAT_FIDESLANG}, {NULL, 0}};
static const struct pf_format_name pf_discover_formats[] = {
    {"text", PF_FORMAT_TEXT}, {"rules", PF_FORMAT_RULES}, {"patch", PF_FORMAT_PATCH}, {NULL, 0}};

/* The options that choose the rules and the configuration, the same for
 * every command that loads rules (check, map, discover, rules list, lsp);
 * each command numbers its own options from OPT_COMMAND. */
enum { OPT_RULES = 256, OPT_NO_DEFAULT, OPT_CONFIG, OPT_NO_CONFIG, OPT_COMMAND };
#define PF_RULES_LONGOPTS                                                                          \
	{"rules", required_argument, NULL, OPT_RULES},                                             \
	    {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},                               \
	    {"config", required_argument, NULL, OPT_CONFIG},                                       \
	{                                                                                          \
		"no-config", no_argument, NULL, OPT_NO_CONFIG                                      \
	}

/* Where a command keeps those options (and -p DIR, when it takes one). */
struct pf_rules_choice {
	char **rules; /* --rules FILE, room for one per argument */
	size_t *nrules;
	bool *no_default_rules;
	const char **config;
	bool *no_config;
	const char **build_dir; /* NULL: no -p */
	bool started;
};

/* The choice of a command's options struct o (fields named as in
 * pf_check_options) with room for the --rules files in files. */
#define PF_RULES_CHOICE(o, files)                                                                  \
	{                                                                                          \
		.rules = (files), .nrules = &(o).nrules,                                           \
		.no_default_rules = &(o).no_default_rules, .config = &(o).config,                  \
		.no_config = &(o).no_config                                                        \
	}

/* Takes option c when it is one of the rules options: true then. */
static bool pf_rules_option(int c, const struct pf_rules_choice *r)
{
	switch (c) {
	case 'p':
		if (!r->build_dir)
			return false;
		*r->build_dir = optarg;
		return true;
	case OPT_RULES:
		r->rules[(*r->nrules)++] = optarg;
		return true;
	case OPT_NO_DEFAULT:
		*r->no_default_rules = true;
		return true;
	case OPT_CONFIG:
		*r->config = optarg;
		return true;
	case OPT_NO_CONFIG:
		*r->no_config = true;
		return true;
	default:
		return false;
	}
}

/* After the options: PF_EXIT_OK, or a usage error (for usage) when they
 * contradict each other. */
static int pf_rules_choice_check(const struct pf_rules_choice *r, const char *usage)
{
	if (*r->config && *r->no_config)
		return pf_bad_usage_of(usage, "--config and --no-config exclude each other");
	return PF_EXIT_OK;
}

/* The next option of argv (getopt_long's answer) that is not one of the
 * choice's, which are taken on the way; -1 after the last. */
static int pf_next_option(int argc, char **argv, const char *shortopts,
                          const struct option *longopts, struct pf_rules_choice *choice)
{
	if (!choice->started) {
		optind = 1;
		opterr = 0;
		choice->started = true;
	}
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1 &&
	       pf_rules_option(c, choice))
		;
	return c;
}

/* check, map and discover: the same inputs and options, different output. */
static int pf_cmd_check(int argc, char **argv, enum pf_command command)
{
	const struct pf_format_name *formats = command == PF_COMMAND_MAP ? pf_map_formats
	                                       : command == PF_COMMAND_DISCOVER
	                                           ? pf_discover_formats
	                                           : pf_check_formats;
	enum {
		OPT_FORMAT = OPT_COMMAND,
		OPT_FAIL_ON,
		OPT_EXPLAIN,
		OPT_BASELINE,
		OPT_WRITE_BASELINE,
		OPT_NO_CACHE,
		OPT_CACHE_DIR,
		OPT_EMIT,
		OPT_FROM,
		OPT_BUDGET,
		OPT_ALLOW_PARSE_ERRORS,
		OPT_NEW_SINCE,
		OPT_STAGED,
	};
	static const struct option longopts[] = {
	    PF_RULES_LONGOPTS,
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	    {"explain", no_argument, NULL, OPT_EXPLAIN},
	    {"baseline", required_argument, NULL, OPT_BASELINE},
	    {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
	    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
	    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
	    {"emit-ir", required_argument, NULL, OPT_EMIT},
	    {"from-ir", required_argument, NULL, OPT_FROM},
	    {"emit-summaries", required_argument, NULL, OPT_EMIT}, /* old name, until 0.3 */
	    {"from-summaries", required_argument, NULL, OPT_FROM}, /* old name, until 0.3 */
	    {"analysis-budget", required_argument, NULL, OPT_BUDGET},
	    {"allow-parse-errors", no_argument, NULL, OPT_ALLOW_PARSE_ERRORS},
	    {"new-since", required_argument, NULL, OPT_NEW_SINCE},
	    {"staged", no_argument, NULL, OPT_STAGED},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct pf_check_options o = {.command = command,
	                             .format = PF_FORMAT_TEXT,
	                             .fail_on = PF_SEV_ERROR,
	                             .analysis_budget = -1};
	char **rules = calloc((size_t)argc + 1, sizeof(char *));
	struct pf_rules_choice choice = PF_RULES_CHOICE(o, rules);
	o.rules_files = rules; /* filled while parsing */
	choice.build_dir = &o.build_dir;
	int rc = PF_EXIT_ERROR;
	/* options and PATHs before "--" (in any order), compiler flags after it */
	int dash = argc;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			dash = i;
			break;
		}
	int nopt = dash;
	int c;
	while ((c = pf_next_option(nopt, argv, "p:o:j:qh", longopts, &choice)) != -1) {
		switch (c) {
		case 'o':
			o.output = optarg;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 1024) {
				rc = pf_bad_usage("-j takes a number from 1 to 1024, not '%s'",
				                  optarg);
				goto done;
			}
			o.jobs = (int)n;
			break;
		}
		case 'q':
			o.quiet = true;
			break;
		case 'h':
			pf_usage(stdout);
			rc = PF_EXIT_OK;
			goto done;
		case OPT_EXPLAIN:
			o.explain = true;
			break;
		case OPT_BASELINE:
			o.baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			o.write_baseline = optarg;
			break;
		case OPT_NO_CACHE:
			o.no_cache = true;
			break;
		case OPT_ALLOW_PARSE_ERRORS:
			o.allow_parse_errors = true;
			break;
		case OPT_CACHE_DIR:
			o.cache_dir = optarg;
			break;
		case OPT_EMIT:
			o.emit_ir = optarg;
			break;
		case OPT_FROM:
			o.from_ir = optarg;
			break;
		case OPT_NEW_SINCE:
			o.new_since = optarg;
			break;
		case OPT_STAGED:
			o.staged = true;
			break;
		case OPT_BUDGET: {
			char *end;
			errno = 0;
			long long n = strtoll(optarg, &end, 10);
			if (*end || end == optarg || errno || n < 0 || n > 1000000000000LL) {
				rc = pf_bad_usage(
				    "--analysis-budget takes a whole number of millions "
				    "of operations (0: no limit), not '%s'",
				    optarg);
				goto done;
			}
			o.analysis_budget = n;
			break;
		}
		case OPT_FORMAT: {
			const struct pf_format_name *f = formats;
			char list[128] = "";
			for (; f->name && strcmp(f->name, optarg) != 0; f++) {
				size_t n = strlen(list);
				snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "",
				         f->name);
			}
			if (!f->name) {
				rc = pf_bad_usage("unknown format '%s' (%s)", optarg, list);
				goto done;
			}
			o.format = f->format;
			break;
		}
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0)
				o.fail_on = PF_SEV_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				o.fail_on = PF_SEV_WARNING;
			else if (strcmp(optarg, "never") == 0)
				o.fail_never = true;
			else {
				rc = pf_bad_usage(
				    "--fail-on takes error, warning or never, not '%s'", optarg);
				goto done;
			}
			break;
		case '?':
		default:
			if (optopt && optopt < 256)
				rc = pf_bad_usage("unknown option or missing argument '-%s'",
				                  (char[]){(char)optopt, 0});
			else
				rc = pf_bad_usage("unknown option or missing argument '%s'",
				                  argv[optind - 1]);
			goto done;
		}
	}
	o.paths = argv + optind;
	o.npaths = (size_t)(nopt - optind);
	if (dash < argc) {
		o.compiler_flags = argv + dash + 1;
		o.nflags = (size_t)(argc - dash - 1);
	}
	if ((rc = pf_rules_choice_check(&choice, PF_CHECK_USAGE)) != PF_EXIT_OK)
		goto done;
	rc = pf_driver_check(&o);
done:
	free(rules);
	return rc;
}

/* `piiflow lsp [OPTIONS]`: the language server on stdin and stdout. */
static int pf_cmd_lsp(int argc, char **argv)
{
	enum { OPT_DELAY = OPT_COMMAND, OPT_STDIO };
	static const struct option longopts[] = {
	    PF_RULES_LONGOPTS,
	    {"delay-ms", required_argument, NULL, OPT_DELAY},
	    {"stdio", no_argument, NULL, OPT_STDIO}, /* what vscode-languageclient adds */
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct pf_lsp_options o = {.delay_ms = -1};
	char **rules = calloc((size_t)argc + 1, sizeof(char *));
	struct pf_rules_choice choice = PF_RULES_CHOICE(o, rules);
	o.rules_files = rules; /* filled while parsing */
	choice.build_dir = &o.build_dir;
	int rc = PF_EXIT_ERROR;
	int c;
	while ((c = pf_next_option(argc, argv, "p:h", longopts, &choice)) != -1) {
		switch (c) {
		case OPT_STDIO:
			break;
		case OPT_DELAY: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 0 || n > 60000) {
				rc = pf_bad_usage_of(
				    PF_LSP_USAGE,
				    "--delay-ms takes milliseconds from 0 to 60000, "
				    "not '%s'",
				    optarg);
				goto done;
			}
			o.delay_ms = (int)n;
			break;
		}
		case 'h':
			pf_usage(stdout);
			rc = PF_EXIT_OK;
			goto done;
		default:
			rc =
			    pf_bad_usage_of(PF_LSP_USAGE, "unknown option or missing argument '%s'",
			                    argv[optind - 1]);
			goto done;
		}
	}
	if (optind < argc) {
		rc = pf_bad_usage_of(PF_LSP_USAGE, "'piiflow lsp' takes no file ('%s')",
		                     argv[optind]);
		goto done;
	}
	if ((rc = pf_rules_choice_check(&choice, PF_LSP_USAGE)) != PF_EXIT_OK)
		goto done;
	rc = pf_lsp_serve(0, 1, &o);
done:
	free(rules);
	return rc;
}

#define PF_CC_USAGE "piiflow cc [--ir-dir DIR] [--] COMPILER ARGS..."

/* `piiflow cc [OPTIONS] [--] COMPILER ARGS...`: options only before the
 * compiler, read by hand since getopt would take the compiler's for ours. */
static int pf_cmd_cc(int argc, char **argv)
{
	struct pf_cc_options o = {0};
	int rc = PF_EXIT_ERROR;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		bool value = strcmp(a, "--ir-dir") == 0 || strcmp(a, "--config") == 0 ||
		             strcmp(a, "--cache-dir") == 0;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (value && i + 1 >= argc) {
			rc = pf_bad_usage_of(PF_CC_USAGE, "%s takes a value", a);
			goto done;
		}
		if (strcmp(a, "--ir-dir") == 0)
			o.ir_dir = argv[++i];
		else if (strcmp(a, "--config") == 0)
			o.config = argv[++i];
		else if (strcmp(a, "--cache-dir") == 0)
			o.cache_dir = argv[++i];
		else if (strcmp(a, "--no-config") == 0)
			o.no_config = true;
		else if (strcmp(a, "--no-cache") == 0)
			o.no_cache = true;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			pf_usage(stdout);
			rc = PF_EXIT_OK;
			goto done;
		} else {
			rc = pf_bad_usage_of(PF_CC_USAGE,
			                     "unknown option '%s' (the compiler's options go after "
			                     "it: piiflow cc -- COMPILER ARGS...)",
			                     a);
			goto done;
		}
	}
	if (i >= argc) {
		rc = pf_bad_usage_of(PF_CC_USAGE, "'piiflow cc' takes the compile command to run");
		goto done;
	}
	if (o.config && o.no_config) {
		rc = pf_bad_usage_of(PF_CC_USAGE, "--config and --no-config exclude each other");
		goto done;
	}
	o.argv = argv + i;
	o.argc = (size_t)(argc - i);
	rc = pf_driver_cc(&o);
done:
	return rc;
}

/* `piiflow rules list [OPTIONS]` and `piiflow rules check FILE...`. */
static int pf_cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
	    PF_RULES_LONGOPTS,
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	if (argc < 2)
		return pf_bad_rules_usage("'piiflow rules' takes 'list' or 'check FILE...'");
	const char *sub = argv[1];
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		pf_usage(stdout);
		return PF_EXIT_OK;
	}
	if (strcmp(sub, "check") == 0) {
		if (argc < 3)
			return pf_bad_rules_usage(
			    "'piiflow rules check' takes one or more rules files");
		if (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
			pf_usage(stdout);
			return PF_EXIT_OK;
		}
		return pf_driver_rules_check(argv + 2, (size_t)(argc - 2));
	}
	if (strcmp(sub, "list") != 0)
		return pf_bad_rules_usage("unknown rules command '%s' (list or check)", sub);
	struct pf_rules_list_options o = {0};
	char **rules = calloc((size_t)argc + 1, sizeof(char *));
	struct pf_rules_choice choice = PF_RULES_CHOICE(o, rules);
	o.rules_files = rules; /* filled while parsing */
	int rc = PF_EXIT_ERROR;
	int c;
	while ((c = pf_next_option(argc - 1, argv + 1, "h", longopts, &choice)) != -1) {
		switch (c) {
		case 'h':
			pf_usage(stdout);
			rc = PF_EXIT_OK;
			goto done;
		default:
			rc = pf_bad_rules_usage("unknown option or missing argument '%s'",
			                        argv[optind]);
			goto done;
		}
	}
	if (optind < argc - 1) {
		rc = pf_bad_rules_usage(
		    "'piiflow rules list' takes no file ('%s'); use --rules FILE",
		    argv[1 + optind]);
		goto done;
	}
	rc = pf_driver_rules_list(&o);
done:
	free(rules);
	return rc;
}

int main(int argc, char **argv)
{
	/* libclang parses on a thread of its own with a small stack unless told
	 * not to; piiflow's workers have large stacks for deeply nested code. */
	setenv("LIBCLANG_NOTHREADS", "1", 0);
	if (argc < 2) {
		pf_usage(stderr);
		return PF_EXIT_ERROR;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("%s %s\n", PF_TOOL_NAME, PF_TOOL_VERSION);
		return PF_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		pf_usage(stdout);
		return PF_EXIT_OK;
	}
	if (strcmp(argv[1], "check") == 0)
		return pf_cmd_check(argc - 1, argv + 1, PF_COMMAND_CHECK);
	if (strcmp(argv[1], "map") == 0)
		return pf_cmd_check(argc - 1, argv + 1, PF_COMMAND_MAP);
	if (strcmp(argv[1], "discover") == 0)
		return pf_cmd_check(argc - 1, argv + 1, PF_COMMAND_DISCOVER);
	if (strcmp(argv[1], "rules") == 0)
		return pf_cmd_rules(argc - 1, argv + 1);
	if (strcmp(argv[1], "lsp") == 0)
		return pf_cmd_lsp(argc - 1, argv + 1);
	if (strcmp(argv[1], "cc") == 0)
		return pf_cmd_cc(argc - 1, argv + 1);
	fprintf(stderr, "piiflow: unknown command '%s' (try 'piiflow check' or 'piiflow --help')\n",
	        argv[1]);
	return PF_EXIT_ERROR;
}
