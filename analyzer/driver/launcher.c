/*
 * `piiflow cc`: the compiler launcher, so that the per-unit phase (parsing
 * and lowering, nearly all of a run's cost) happens inside the user's own
 * build, spread over its jobs and machines, and a later `check --from-ir`
 * only links. The compile itself runs first and untouched: its output, its
 * exit status and its files are the build's, and nothing piiflow does can
 * fail it. Then each C source of the command is lowered as `check` lowers a
 * compile-database entry with the same arguments and directory (pf_lower_tu,
 * with absolute paths, since the link phase runs elsewhere) and written with
 * a manifest (driver/units.h). What a build compiles without making part of
 * the program (configure probes, preprocessing, output to /dev/null) is not
 * analyzed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include "compdb/compdb.h"
#include "driver/cache.h"
#include "driver/driver.h"
#include "driver/units.h"
#include "lower/lower.h"
#include "policy/config.h"
#include "taxonomy/taxonomy.h"
#include "util/path.h"
#include "util/xalloc.h"

/* Runs argv as the build asked and returns its exit status; a compiler
 * killed by a signal kills the launcher with the same signal, as a shell's
 * exec would show it. */
static int pf_run_compiler(char **argv)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "piiflow: cannot run '%s': %s\n", argv[0], strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "piiflow: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Compiler wrappers that take the compiler as their first word. */
static bool pf_is_wrapper(const char *word)
{
	const char *base = strrchr(word, '/');
	base = base ? base + 1 : word;
	static const char *const names[] = {"ccache", "sccache", "distcc", "icecc", "buildcache"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return false;
}

/* gcc's and clang's options whose value is the next word, which must not be
 * taken for an input file. */
static bool pf_takes_value(const char *a)
{
	static const char opts[] =
	    " -o -x -I -D -U -include -imacros -isystem -idirafter -iquote -iprefix -isysroot"
	    " -iwithprefix -iwithprefixbefore -MF -MT -MQ -Xclang -Xpreprocessor -Xassembler"
	    " -Xlinker -L -l -T -u -z -e -aux-info -arch -target --param -G -A -dumpdir"
	    " -dumpbase -specs --sysroot -B ";
	size_t n = strlen(a);
	for (const char *p = strstr(opts, a); p && n; p = strstr(p + 1, a))
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
	return false;
}

/* What the command compiles: the C sources among its inputs and where the
 * result goes, or why none of it is analyzed. */
struct pf_plan {
	size_t first; /* the compiler's word (after ccache and the like) */
	PF_VEC(size_t) sources;
	const char *output; /* -o, or NULL */
	bool compile_only;  /* -c: one object per source */
	const char *skip;   /* why nothing is analyzed, or NULL */
};

static bool pf_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

static void pf_plan_make(struct pf_plan *p, char **argv, size_t argc)
{
	memset(p, 0, sizeof(*p));
	while (p->first + 1 < argc && pf_is_wrapper(argv[p->first]) && argv[p->first + 1][0] != '-')
		p->first++;
	const char *lang = NULL; /* -x: NULL or "none" means by the file's suffix */
	for (size_t i = p->first + 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '@') {
			p->skip = "its arguments are in a response file";
		} else if (a[0] != '-' || strcmp(a, "-") == 0) {
			bool c = lang && strcmp(lang, "none") != 0 ? strcmp(lang, "c") == 0
			                                           : pf_ends_with(a, ".c");
			if (strcmp(a, "-") == 0)
				c = false; /* standard input */
			if (c)
				PF_VEC_PUSH(p->sources, i);
		} else if (strcmp(a, "-c") == 0) {
			p->compile_only = true;
		} else if (strcmp(a, "-E") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-M") == 0 ||
		           strcmp(a, "-MM") == 0 || strcmp(a, "-fsyntax-only") == 0) {
			p->skip = "it writes no object file";
		} else if (strncmp(a, "-x", 2) == 0) {
			lang = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
		} else if (strcmp(a, "-o") == 0 || (strncmp(a, "-o", 2) == 0 && a[2])) {
			p->output = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
		} else if (pf_takes_value(a)) {
			i++;
		}
	}
	if (p->output && (strcmp(p->output, "-") == 0 || strcmp(p->output, "/dev/null") == 0))
		p->skip = "its output is thrown away";
}

/* A configure step's compile: autoconf's conftest.c, CMake's compiler
 * identification and try_compile projects, Meson's sanity checks. */
static bool pf_is_probe(const char *abs)
{
	const char *base = strrchr(abs, '/');
	base = base ? base + 1 : abs;
	return strcmp(base, "conftest.c") == 0 || strncmp(base, "CMakeCCompilerId", 16) == 0 ||
	       strstr(abs, "/CMakeFiles/CMakeScratch/") || strstr(abs, "/CMakeFiles/CMakeTmp/") ||
	       strstr(abs, "/meson-private/");
}

/* The length of a file name without its suffix ("util" of "util.c"). */
static int pf_stem(const char *name)
{
	const char *dot = strrchr(name, '.');
	return (int)(dot && dot > name ? (size_t)(dot - name) : strlen(name));
}

/* The file the compile wrote for the source at argv[i], absolute. */
static char *pf_object_of(const struct pf_plan *p, char **argv, size_t i, const char *cwd)
{
	if (!p->compile_only)
		return pf_path_absolute(cwd, p->output ? p->output : "a.out");
	if (p->output && p->sources.n == 1)
		return pf_path_absolute(cwd, p->output);
	const char *base = strrchr(argv[i], '/');
	base = base ? base + 1 : argv[i];
	char *obj = pf_xasprintf("%.*s.o", pf_stem(base), base);
	char *abs = pf_path_absolute(cwd, obj);
	free(obj);
	return abs;
}

/* Where the unit's files go, without the suffix: OBJECT beside an object
 * file (OBJECT.pfir); PROGRAM.NAME-HASH beside a program compiled and linked
 * in one command; IR_DIR/NAME-HASH in one folder, the hash telling apart
 * sources of the same name. */
static char *pf_unit_base(const struct pf_plan *p, const char *ir_dir, const char *source,
                          const char *object)
{
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	XXH3_64bits_update(st, source, strlen(source) + 1);
	XXH3_64bits_update(st, object, strlen(object) + 1);
	unsigned long long h = (unsigned long long)XXH3_64bits_digest(st);
	XXH3_freeState(st);
	const char *name = strrchr(source, '/') + 1;
	int stem = pf_stem(name);
	if (ir_dir)
		return pf_xasprintf("%s/%.*s-%016llx", ir_dir, stem, name, h);
	if (p->compile_only)
		return pf_xstrdup(object);
	return pf_xasprintf("%s.%.*s-%08llx", object, stem, name, h & 0xffffffffULL);
}

/* The compile-database entry of the source at argv[src]: the command from
 * the compiler on, without the other C sources it compiles. */
static void pf_unit_command(struct pf_compile_command *cmd, const struct pf_plan *p, char **argv,
                            size_t argc, size_t src, const char *cwd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->directory = pf_xstrdup(cwd);
	cmd->file = pf_path_absolute(cwd, argv[src]);
	cmd->display = pf_xstrdup(cmd->file);
	cmd->argv = pf_xcalloc(argc - p->first + 1, sizeof(char *));
	for (size_t i = p->first; i < argc; i++) {
		bool other = false;
		for (size_t k = 0; k < p->sources.n && !other; k++)
			other = p->sources.v[k] == i && i != src;
		if (!other)
			cmd->argv[cmd->argc++] = pf_xstrdup(argv[i]);
	}
}

static void pf_command_release(struct pf_compile_command *cmd)
{
	pf_free_strings(cmd->argv, cmd->argc);
	free(cmd->directory);
	free(cmd->file);
	free(cmd->display);
}

/* The launcher's IR cache: the folder check uses (--cache-dir, the config's,
 * else the user's cache folder), in a subfolder of its own since its IR
 * names files by absolute path. NULL when off or not to be made. */
static struct pf_cache *pf_cc_cache(const struct pf_cc_options *o, const struct pf_config *cfg)
{
	if (o->no_cache)
		return NULL;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = o->cache_dir     ? pf_xasprintf("%s/cc", o->cache_dir)
	            : cfg->cache_dir ? pf_xasprintf("%s/cc", cfg->cache_dir)
	            : xdg && *xdg    ? pf_xasprintf("%s/piiflow/cc", xdg)
	            : home && *home  ? pf_xasprintf("%s/.cache/piiflow/cc", home)
	                             : NULL;
	struct pf_error err;
	struct pf_cache *c = dir ? pf_cache_open(dir, &err) : NULL;
	free(dir);
	return c;
}

/* Everything the units of one command share. */
struct pf_cc_run {
	const struct pf_cc_options *o;
	char *cwd;
	char *ir_dir; /* absolute, or NULL */
	bool loaded;  /* config and taxonomy are in */
	const char *load_error;
	struct pf_config cfg;
	struct pf_taxonomy tax;
	struct pf_cache *cache;
	char key[17];
};

static void pf_cc_load(struct pf_cc_run *run)
{
	const struct pf_cc_options *o = run->o;
	pf_config_init(&run->cfg);
	pf_taxonomy_init(&run->tax);
	if (pf_driver_load_config(o->config, o->no_config, &run->cfg) != 0)
		run->load_error = "the configuration (.piiflow.json) could not be read";
	else if (pf_driver_load_taxonomy(&run->tax) != 0)
		run->load_error = "the taxonomy could not be loaded";
	else
		run->cache = pf_cc_cache(o, &run->cfg);
	run->loaded = true;
	pf_unit_format_key(run->key);
}

/* Lowers one source and writes its unit; a failure is written into the
 * manifest, and said on stderr only when even that cannot be written. */
static void pf_cc_unit(struct pf_cc_run *run, const struct pf_plan *p, char **argv, size_t argc,
                       size_t src)
{
	struct pf_compile_command cmd;
	pf_unit_command(&cmd, p, argv, argc, src, run->cwd);
	char *object = pf_object_of(p, argv, src, run->cwd);
	struct stat st;
	if (pf_is_probe(cmd.file) || stat(object, &st) != 0)
		goto done;
	if (!run->loaded)
		pf_cc_load(run);
	char *base = pf_unit_base(p, run->ir_dir, cmd.file, object);
	struct pf_unit u = {cmd.file, object, run->cwd, run->key, NULL};
	struct pf_ir_tu *tu = NULL;
	char msg[1024] = "";
	if (run->load_error) {
		snprintf(msg, sizeof(msg), "%s", run->load_error);
	} else {
		struct pf_lower_options lopts = {
		    .taxonomy = &run->tax,
		    .resource_dir = PF_CLANG_RESOURCE_DIR,
		    .annotations_dir = pf_driver_annotations_dir(),
		    .absolute_paths = true,
		};
		tu = run->cache ? pf_cache_load(run->cache, &cmd) : NULL;
		if (!tu) {
			tu = pf_lower_tu(&cmd, &lopts);
			if (run->cache)
				pf_cache_store(run->cache, &cmd, tu);
		}
		if (tu->fatal) {
			const char *why = "libclang could not parse this file";
			for (size_t i = 0; i < tu->ndiags; i++)
				if (strcmp(tu->diags[i].rule, "parse-error") == 0)
					why = tu->diags[i].message;
			snprintf(msg, sizeof(msg), "%s", why);
		}
	}
	if (msg[0])
		u.error = msg;
	char err[4096];
	if (pf_unit_write(base, &u, u.error ? NULL : tu, err, sizeof(err)) != 0)
		fprintf(stderr, "piiflow: warning: %s (the link phase will miss %s)\n", err,
		        cmd.file);
	if (tu)
		pf_ir_tu_free(tu);
	free(base);
done:
	free(object);
	pf_command_release(&cmd);
}

/* A compile that failed leaves no unit: an old one would stand for code
 * that no longer compiles. */
static void pf_cc_forget(struct pf_cc_run *run, const struct pf_plan *p, char **argv, size_t src)
{
	char *source = pf_path_absolute(run->cwd, argv[src]);
	char *object = pf_object_of(p, argv, src, run->cwd);
	char *base = pf_unit_base(p, run->ir_dir, source, object);
	char *ir = pf_xasprintf("%s.pfir", base), *manifest = pf_xasprintf("%s.pfunit", base);
	unlink(manifest);
	unlink(ir);
	free(ir);
	free(manifest);
	free(base);
	free(object);
	free(source);
}

int pf_driver_cc(const struct pf_cc_options *o)
{
	struct pf_plan p;
	pf_plan_make(&p, o->argv, o->argc);
	int status = pf_run_compiler(o->argv);
	struct pf_cc_run run = {.o = o, .cwd = pf_path_absolute(NULL, ".")};
	const char *dir = o->ir_dir;
	if (!dir || !*dir)
		dir = getenv("PIIFLOW_IR_DIR");
	if (dir && *dir)
		run.ir_dir = pf_path_absolute(run.cwd, dir);
	if (p.skip || p.sources.n == 0)
		goto done;
	if (run.ir_dir && pf_cache_make_dirs(run.ir_dir) != 0) {
		fprintf(stderr, "piiflow: warning: %s: cannot create the IR folder: %s\n",
		        run.ir_dir, strerror(errno));
		goto done;
	}
	for (size_t k = 0; k < p.sources.n; k++) {
		if (status == 0)
			pf_cc_unit(&run, &p, o->argv, o->argc, p.sources.v[k]);
		else
			pf_cc_forget(&run, &p, o->argv, p.sources.v[k]);
	}
done:
	if (run.loaded) {
		pf_cache_close(run.cache);
		pf_taxonomy_free(&run.tax);
		pf_config_free(&run.cfg);
	}
	free(run.ir_dir);
	free(run.cwd);
	PF_VEC_FREE(p.sources);
	return status;
}
