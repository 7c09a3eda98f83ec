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
 */
#include "lsp/lsp_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	if (!pf_held_loading(s->held))
		pf_held_begin(s->held, &o);
}

void pf_lsp_analysis_hold_step(struct pf_lsp_server *s)
{
	if (pf_held_step(s->held))
		return;
	size_t total, n = pf_held_count(s->held, &total);
	pf_lsp_log(s, 4, "piiflow: the IR of %zu of %zu translation units held in memory", n,
	           total);
}

void pf_lsp_analysis_file_changed(struct pf_lsp_server *s, const char *path)
{
	size_t n = pf_held_forget(s->held, path);
	if (n)
		pf_lsp_log(s, 4, "piiflow: %s changed: %zu translation unit%s to read again", path,
		           n, n == 1 ? "" : "s");
}

/* Reads the config, rules, taxonomy and compile database again when one of
 * their files changed: each child uses the server's copy. */
static void pf_inputs_refresh(struct pf_lsp_server *s)
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
	pf_check_inputs_refresh(s->inputs, &o);
	pf_check_inputs_scan(s->inputs);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (null >= 0)
		close(null);
}

int pf_lsp_analysis_start(struct pf_lsp_server *s)
{
	/* what changed on disk since the units were loaded is read again */
	pf_held_refresh(s->held);
	pf_inputs_refresh(s);
	char *report = pf_work_file(s, "report.json");
	char *log = pf_work_file(s, "log.txt");
	unlink(report);
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
		/* the protocol owns stdout: the check's own output goes to the log */
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
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
