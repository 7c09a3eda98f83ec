/*
 * Each analysis is one `piiflow check` in a child process, with the open
 * documents as unsaved files and the JSON report written to a file of the
 * server's work folder. The child holds the write end of a pipe: its end of
 * file tells the server's loop, which never waits, that the child is done.
 * A crash in the analysis kills the child, not the server; a newer edit ends
 * the child at once, since its result would be outdated. After an analysis
 * the server loads the IR of every unit from the cache it filled, between
 * messages, and holds it: the next child, a fork, links those units from
 * memory and parses only those an open buffer changed.
 *
 * A child's first read of each page it shares with the server costs a
 * fault on some kernels and virtual machines (4.7 microseconds a page
 * measured here: 0.6 s for the 512 MiB git's program takes), and the link
 * and the engine read most of the program. So when the server is idle and
 * holds the program, it forks the next analysis's child ahead of time, a
 * standby that reads every page resident in its memory meanwhile and then
 * waits for the open documents; an edit sends them and the standby runs the
 * check at once, as a child forked then would. It is ended when what it
 * holds is outdated: units dropped or loaded, inputs read again.
 */
#include "lsp/lsp_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/driver.h"
#include "driver/held.h"
#include "driver/inputs.h"
#include "policy/config.h"

/* The child's exit code when there is nothing to analyze. */
#define PF_LSP_NOTHING 3

static char *pf_work_file(const struct pf_lsp_server *s, const char *name)
{
	size_t n = strlen(s->workdir) + strlen(name) + 2;
	char *p = pf_xmalloc(n);
	snprintf(p, n, "%s/%s", s->workdir, name);
	return p;
}

static bool pf_is_c_file(const char *path)
{
	size_t n = strlen(path);
	return n > 2 && strcmp(path + n - 2, ".c") == 0;
}

/* In the child: the check, as `piiflow check` would run it in the root. */
static int pf_child_check(struct pf_lsp_server *s, const char *report)
{
	static char *no_flags[] = {NULL};
	/* tests: an analysis that crashes, or one that never ends */
	const char *test = getenv("PIIFLOW_LSP_TEST_CHILD");
	if (test && strcmp(test, "crash") == 0)
		abort();
	while (test && strcmp(test, "hang") == 0)
		pause();
	struct pf_unsaved_file *unsaved = pf_xcalloc(s->docs.n + 1, sizeof(*unsaved));
	char **paths = pf_xcalloc(s->docs.n + 1, sizeof(*paths));
	size_t npaths = 0;
	for (size_t i = 0; i < s->docs.n; i++) {
		unsaved[i] = (struct pf_unsaved_file){s->docs.v[i].path, s->docs.v[i].text,
		                                      s->docs.v[i].len};
		if (pf_is_c_file(s->docs.v[i].path))
			paths[npaths++] = s->docs.v[i].path;
	}
	struct pf_check_options o = {
	    .build_dir = s->build_dir,
	    .rules_files = s->rules,
	    .nrules = s->nrules,
	    .no_default_rules = s->opts.no_default_rules,
	    .format = PF_FORMAT_JSON,
	    .output = report,
	    .jobs = 0,
	    .fail_on = PF_SEV_ERROR,
	    .fail_never = true,
	    .quiet = true,
	    .config = s->opts.config,
	    .no_config = s->opts.no_config,
	    .analysis_budget = -1,
	    .unsaved = unsaved,
	    .nunsaved = s->docs.n,
	    .held = s->held,
	    .inputs = s->inputs,
	};
	if (!o.build_dir) {
		/* no -p: the config's build_dir, else the open C files alone */
		bool has_db;
		if (s->inputs->loaded) {
			has_db = s->inputs->has_db;
		} else {
			struct pf_config cfg;
			if (pf_driver_load_config(o.config, o.no_config, &cfg) != 0)
				return PF_EXIT_ERROR;
			has_db = cfg.build_dir != NULL;
			pf_config_free(&cfg);
		}
		if (!has_db) {
			if (!npaths)
				return PF_LSP_NOTHING; /* only headers open: wait for a C file */
			o.paths = paths;
			o.npaths = npaths;
			o.compiler_flags = s->flags ? s->flags : no_flags;
			o.nflags = s->nflags;
		}
	}
	return pf_driver_check(&o);
}

/* Work done progress ($/progress), when the client takes it: an analysis
 * begins and ends, so editors show it running and scripts know when it is
 * done even when no diagnostic changed. The token is created once, and used
 * only after the client has answered (LSP 3.17); an analysis running then
 * begins at that moment. */
static void pf_progress(struct pf_lsp_server *s, const char *kind, const char *message)
{
	if (!s->progress)
		return;
	bool begin = strcmp(kind, "begin") == 0;
	if (begin && !s->progress_id)
		s->progress_id = pf_lsp_request(s, "window/workDoneProgress/create",
		                                json_pack("{s:s}", "token", PF_LSP_PROGRESS_TOKEN));
	if (!s->progress_ready || begin == s->progress_begun)
		return;
	json_t *value = json_pack("{s:s, s:s}", "kind", kind, "message", message);
	if (begin)
		json_object_set_new(value, "title", json_string("piiflow"));
	pf_lsp_notify(s, "$/progress",
	              json_pack("{s:s, s:o}", "token", PF_LSP_PROGRESS_TOKEN, "value", value));
	s->progress_begun = begin;
}

void pf_lsp_analysis_response(struct pf_lsp_server *s, json_int_t id, bool ok)
{
	if (!s->progress_id || id != s->progress_id || s->progress_ready)
		return;
	s->progress_ready = ok;
	s->progress = ok; /* a client that refused the token gets no progress */
	if (ok && s->child)
		pf_progress(s, "begin", "analyzing the program");
}

/* Starts a pass that loads the units not held yet, from the cache the
 * analysis that just ended filled. */
static void pf_hold_begin(struct pf_lsp_server *s)
{
	struct pf_check_options o = {
	    .build_dir = s->build_dir,
	    .config = s->opts.config,
	    .no_config = s->opts.no_config,
	    .quiet = true,
	};
	if (!pf_held_loading(s->held)) {
		pf_lsp_analysis_standby_end(s); /* units may be dropped or loaded */
		pf_held_begin(s->held, &o);
	}
}

void pf_lsp_analysis_hold_step(struct pf_lsp_server *s)
{
	pf_lsp_analysis_standby_end(s); /* it would miss the unit loaded now */
	if (pf_held_step(s->held))
		return;
	size_t total, n = pf_held_count(s->held, &total);
	pf_lsp_log(s, 4, "piiflow: the IR of %zu of %zu translation units held in memory", n,
	           total);
}

void pf_lsp_analysis_file_changed(struct pf_lsp_server *s, const char *path)
{
	size_t n = pf_held_forget(s->held, path);
	if (!n)
		return;
	pf_lsp_analysis_standby_end(s);
	pf_lsp_log(s, 4, "piiflow: %s changed: %zu translation unit%s to read again", path, n,
	           n == 1 ? "" : "s");
}

/* Reads the config, rules, taxonomy and compile database again when one of
 * their files changed: each child uses the server's copy. */
static bool pf_inputs_refresh(struct pf_lsp_server *s)
{
	struct pf_check_options o = {
	    .build_dir = s->build_dir,
	    .rules_files = s->rules,
	    .nrules = s->nrules,
	    .no_default_rules = s->opts.no_default_rules,
	    .config = s->opts.config,
	    .no_config = s->opts.no_config,
	};
	/* the server's stderr is the editor's log: a load's error is the
	 * child's to report, with the check's own words */
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	if (null >= 0)
		dup2(null, 2);
	bool reread = pf_check_inputs_refresh(s->inputs, &o);
	pf_check_inputs_scan(s->inputs);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (null >= 0)
		close(null);
	return reread;
}

/* ---- the standby child --------------------------------------------------- */

static bool pf_readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

/* In the standby: reads one byte of every page resident in the process's
 * readable mappings, until documents arrive on go_fd. Those bytes may lie
 * in freed memory or a sanitizer's red zone: not a read the sanitizer is
 * to check. */
__attribute__((no_sanitize_address)) static void pf_touch_memory(int go_fd)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *vec = NULL;
	size_t vcap = 0, since_poll = 0;
	volatile unsigned char sink = 0;
	char line[4096];
	bool go = false;
	while (!go && fgets(line, sizeof(line), f)) {
		uintptr_t lo, hi;
		char perms[5];
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %4s", &lo, &hi, perms) != 3 ||
		    perms[0] != 'r' || strstr(line, "[v") || hi <= lo)
			continue; /* [vvar], [vdso], [vsyscall]: not the program's */
		size_t n = (hi - lo) / page;
		if (n > vcap) {
			vec = pf_xrealloc(vec, n);
			vcap = n;
		}
		if (mincore((void *)lo, hi - lo, vec) != 0)
			continue;
		for (size_t i = 0; i < n && !go; i++) {
			if (vec[i] & 1)
				sink ^= *(const volatile unsigned char *)(lo + i * page);
			if (++since_poll % 1024 == 0)
				go = pf_readable(go_fd);
		}
	}
	(void)sink;
	free(vec);
	fclose(f);
}

static bool pf_read_all(int fd, void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t k = read(fd, (char *)buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		got += (size_t)k;
	}
	return true;
}

/* The open documents, as the standby reads them: a count, then each path
 * and text with its length. */
static bool pf_send_docs(int fd, const struct pf_lsp_docs *d)
{
	uint64_t n = d->n;
	bool ok = pf_lsp_write_all(fd, &n, sizeof(n)) == 0;
	for (size_t i = 0; ok && i < d->n; i++) {
		uint64_t lens[2] = {strlen(d->v[i].path), d->v[i].len};
		ok = pf_lsp_write_all(fd, lens, sizeof(lens)) == 0 &&
		     pf_lsp_write_all(fd, d->v[i].path, (size_t)lens[0]) == 0 &&
		     pf_lsp_write_all(fd, d->v[i].text, (size_t)lens[1]) == 0;
	}
	return ok;
}

static bool pf_receive_docs(int fd, struct pf_lsp_docs *d)
{
	uint64_t n;
	if (!pf_read_all(fd, &n, sizeof(n)) || n > (1u << 20))
		return false;
	*d = (struct pf_lsp_docs){pf_xcalloc((size_t)n + 1, sizeof(*d->v)), 0, (size_t)n};
	for (; d->n < n; d->n++) {
		uint64_t lens[2];
		if (!pf_read_all(fd, lens, sizeof(lens)) || lens[0] > (1u << 20) ||
		    lens[1] > (uint64_t)PF_LSP_MAX_MESSAGE)
			return false;
		struct pf_lsp_doc *doc = &d->v[d->n];
		doc->path = pf_xmalloc((size_t)lens[0] + 1);
		doc->text = pf_xmalloc((size_t)lens[1] + 1);
		doc->len = (size_t)lens[1];
		if (!pf_read_all(fd, doc->path, (size_t)lens[0]) ||
		    !pf_read_all(fd, doc->text, doc->len))
			return false;
		doc->path[lens[0]] = '\0';
		doc->text[doc->len] = '\0';
		doc->uri = pf_xstrdup("");
	}
	return true;
}

/* Points the child's output at the log (the protocol owns stdout). */
static void pf_child_output(const struct pf_lsp_server *s)
{
	char *log = pf_work_file(s, "log.txt");
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fd = open("/dev/null", O_WRONLY);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	free(log);
}

void pf_lsp_analysis_standby_end(struct pf_lsp_server *s)
{
	if (!s->standby)
		return;
	kill(s->standby, SIGKILL);
	close(s->standby_go);
	close(s->standby_done);
	while (waitpid(s->standby, NULL, 0) < 0 && errno == EINTR)
		;
	s->standby = 0;
	s->standby_go = s->standby_done = -1;
}

void pf_lsp_analysis_standby(struct pf_lsp_server *s)
{
	if (s->standby || s->child || s->shutdown || !s->workdir || pf_held_loading(s->held) ||
	    !pf_held_count(s->held, NULL) || !s->inputs->loaded)
		return;
	int go[2], done[2];
	if (pipe(go) != 0)
		return;
	if (pipe(done) != 0) {
		close(go[0]);
		close(go[1]);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]);
		close(done[0]);
		close(s->in);
		/* the protocol's stdout is not the standby's to hold open */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			close(null);
		}
		pf_touch_memory(go[0]);
		struct pf_lsp_docs docs;
		if (!pf_receive_docs(go[0], &docs))
			_exit(0); /* ended unused: the server closed the pipe */
		s->docs = docs;
		pf_child_output(s);
		char *report = pf_work_file(s, "report.json");
		_exit(pf_child_check(s, report));
	}
	close(go[0]);
	close(done[1]);
	if (pid < 0) {
		close(go[1]);
		close(done[0]);
		return;
	}
	fcntl(go[1], F_SETFD, FD_CLOEXEC);
	fcntl(done[0], F_SETFD, FD_CLOEXEC);
	s->standby = pid;
	s->standby_go = go[1];
	s->standby_done = done[0];
}

/* Hands the open documents to the standby, which becomes the running
 * child. False when there is none or it is gone. */
static bool pf_standby_go(struct pf_lsp_server *s)
{
	if (!s->standby)
		return false;
	if (!pf_send_docs(s->standby_go, &s->docs)) {
		pf_lsp_analysis_standby_end(s);
		return false;
	}
	close(s->standby_go);
	s->child = s->standby;
	s->child_fd = s->standby_done;
	s->standby = 0;
	s->standby_go = s->standby_done = -1;
	return true;
}

int pf_lsp_analysis_start(struct pf_lsp_server *s)
{
	/* what changed on disk since the units were loaded is read again, and
	 * a standby forked before holds the old */
	bool dropped = pf_held_refresh(s->held) > 0;
	if (pf_inputs_refresh(s) || dropped)
		pf_lsp_analysis_standby_end(s);
	char *report = pf_work_file(s, "report.json");
	unlink(report);
	if (pf_standby_go(s)) {
		free(report);
		pf_progress(s, "begin", "analyzing the program");
		return 0;
	}
	char *log = pf_work_file(s, "log.txt");
	int fds[2];
	if (pipe(fds) != 0) {
		pf_lsp_log(s, 1, "piiflow: cannot start an analysis: %s", strerror(errno));
		free(report);
		free(log);
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		pf_child_output(s);
		close(s->in);
		_exit(pf_child_check(s, report));
	}
	close(fds[1]);
	free(report);
	free(log);
	if (pid < 0) {
		close(fds[0]);
		pf_lsp_log(s, 1, "piiflow: cannot start an analysis: %s", strerror(errno));
		return -1;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	s->child = pid;
	s->child_fd = fds[0];
	pf_progress(s, "begin", "analyzing the program");
	return 0;
}

static int pf_reap(struct pf_lsp_server *s)
{
	int status = 0;
	while (waitpid(s->child, &status, 0) < 0 && errno == EINTR)
		;
	close(s->child_fd);
	s->child = 0;
	s->child_fd = -1;
	return status;
}

void pf_lsp_analysis_cancel(struct pf_lsp_server *s)
{
	if (!s->child)
		return;
	kill(s->child, SIGKILL);
	pf_reap(s);
	pf_progress(s, "end", "cancelled: the code changed");
}

/* The first lines of the child's log, for a message to the user. */
static char *pf_log_head(const struct pf_lsp_server *s)
{
	char *log = pf_work_file(s, "log.txt");
	FILE *f = fopen(log, "r");
	free(log);
	char buf[4096] = "";
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return pf_xstrdup(n ? buf : "(no message)");
}

static bool pf_finish(struct pf_lsp_server *s, int status);

void pf_lsp_analysis_finish(struct pf_lsp_server *s)
{
	int status = pf_reap(s);
	bool ok = pf_finish(s, status);
	char msg[128];
	if (ok)
		snprintf(msg, sizeof(msg), "%zu finding%s",
		         json_array_size(json_object_get(s->report, "findings")),
		         json_array_size(json_object_get(s->report, "findings")) == 1 ? "" : "s");
	else
		snprintf(msg, sizeof(msg), "no result: see the log");
	pf_progress(s, "end", msg);
}

/* Takes the child's report; false when there is none. */
static bool pf_finish(struct pf_lsp_server *s, int status)
{
	if (WIFSIGNALED(status)) {
		pf_lsp_log(s, 1, "piiflow: the analysis ended with signal %d; the server goes on",
		           WTERMSIG(status));
		return false;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : PF_EXIT_ERROR;
	if (code == PF_LSP_NOTHING) {
		pf_lsp_log(s, 3,
		           "piiflow: no compile database and no C file open: nothing to "
		           "analyze yet");
		return false;
	}
	if (code != PF_EXIT_OK && code != PF_EXIT_FINDINGS) {
		/* shown once while it stays the same: not at every keystroke */
		char *msg = pf_log_head(s);
		pf_lsp_log(s, 1, "%s", msg);
		if (!s->shown || strcmp(s->shown, msg) != 0)
			pf_lsp_notify(s, "window/showMessage",
			              json_pack("{s:i, s:s}", "type", 1, "message", msg));
		free(s->shown);
		s->shown = msg;
		return false;
	}
	free(s->shown);
	s->shown = NULL;
	char *path = pf_work_file(s, "report.json");
	json_error_t err;
	json_t *report = json_load_file(path, 0, &err);
	free(path);
	if (!report || !json_is_array(json_object_get(report, "findings"))) {
		pf_lsp_log(s, 1, "piiflow: the analysis wrote no readable report: %s", err.text);
		json_decref(report);
		return false;
	}
	json_decref(s->report);
	s->report = report;
	pf_lsp_publish(s);
	pf_hold_begin(s);
	return true;
}
