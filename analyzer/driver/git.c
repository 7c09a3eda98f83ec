/*
 * git for the commit gate: `git diff --name-only -z` says which files
 * differ, `git cat-file blob` gives a version of one. The child's standard
 * output is read whole through a pipe; its standard error is discarded,
 * since a failure here (not a repository, no such revision) is reported by
 * the caller in words about piiflow's options.
 */
#define _GNU_SOURCE
#include "driver/git.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "util/xalloc.h"

extern char **environ;

/* Blobs larger than this are no source file worth parsing. */
#define PF_GIT_MAX_BLOB (64u << 20)

void pf_unsaved_set_free(struct pf_unsaved_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free((char *)s->v[i].path);
		free((char *)s->v[i].contents);
	}
	free(s->v);
	pf_free_strings(s->absent, s->nabsent);
	memset(s, 0, sizeof(*s));
}

const struct pf_unsaved_file *pf_unsaved_set_find(const struct pf_unsaved_set *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

bool pf_unsaved_set_absent(const struct pf_unsaved_set *s, const char *path)
{
	for (size_t i = 0; i < s->nabsent; i++)
		if (strcmp(s->absent[i], path) == 0)
			return true;
	return false;
}

static void add_absent(struct pf_unsaved_set *s, char *path)
{
	if (s->nabsent == s->capabsent) {
		s->capabsent = s->capabsent ? s->capabsent * 2 : 8;
		s->absent = pf_xrealloc(s->absent, s->capabsent * sizeof(*s->absent));
	}
	s->absent[s->nabsent++] = path;
}

static void add_file(struct pf_unsaved_set *s, char *path, char *data, size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = pf_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = (struct pf_unsaved_file){path, data, len};
}

/* Runs git with argv (argv[0] "git"), its standard output into *out
 * (NUL-terminated, *len bytes, caller frees). Returns git's exit status,
 * or -1 when it could not be run. */
static int run_git(char *const argv[], char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return -1;
	}
	size_t cap = 4096, n = 0;
	char *buf = pf_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			buf = pf_xrealloc(buf, cap);
		}
		ssize_t got = read(fd[0], buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd[0]);
	buf[n] = '\0';
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*out = buf;
	*len = n;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The work tree's top folder, absolute, or NULL outside a work tree. */
static char *toplevel(void)
{
	char *const argv[] = {"git", "rev-parse", "--show-toplevel", NULL};
	char *out;
	size_t len;
	if (run_git(argv, &out, &len) != 0 || !len) {
		free(out);
		return NULL;
	}
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return out;
}

static char *join(const char *top, const char *rel)
{
	size_t n = strlen(top) + strlen(rel) + 2;
	char *p = pf_xmalloc(n);
	snprintf(p, n, "%s/%s", top, rel);
	return p;
}

/* The blob rev:path (rev "" for the index) into the set, or as absent
 * when rev does not have it. */
static void add_version(struct pf_unsaved_set *s, const char *top, const char *rev, const char *rel)
{
	size_t n = strlen(rev) + strlen(rel) + 2;
	char *spec = pf_xmalloc(n);
	snprintf(spec, n, "%s:%s", rev, rel);
	char *const argv[] = {"git", "cat-file", "blob", spec, NULL};
	char *data;
	size_t len;
	int rc = run_git(argv, &data, &len);
	free(spec);
	if (rc == 0 && len <= PF_GIT_MAX_BLOB) {
		add_file(s, join(top, rel), data, len);
		return;
	}
	free(data);
	if (rc != 0)
		add_absent(s, join(top, rel));
}

/* The NUL-separated paths that a `git diff --name-only -z` prints. */
static int diff_names(char *const argv[], char **out, size_t *len)
{
	return run_git(argv, out, len) == 0 ? 0 : -1;
}

int pf_git_staged(struct pf_unsaved_set *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof(*out));
	char *top = toplevel();
	if (!top) {
		snprintf(err, errsize,
		         "--staged: not inside a git work tree (or git is not installed)");
		return -1;
	}
	char *names;
	size_t len;
	char *const changed[] = {"git", "diff", "--name-only", "-z", "--no-renames", NULL};
	if (diff_names(changed, &names, &len) != 0) {
		snprintf(err, errsize, "--staged: git diff failed in %s", top);
		free(names);
		free(top);
		return -1;
	}
	for (size_t i = 0; i < len; i += strlen(names + i) + 1)
		add_version(out, top, "", names + i);
	free(names);
	char *const deleted[] = {"git", "diff",         "--cached",        "--name-only",
	                         "-z",  "--no-renames", "--diff-filter=D", NULL};
	if (diff_names(deleted, &names, &len) == 0)
		for (size_t i = 0; i < len; i += strlen(names + i) + 1)
			add_absent(out, join(top, names + i));
	free(names);
	free(top);
	return 0;
}

enum pf_git_rev pf_git_resolve(const char *ref)
{
	size_t n = strlen(ref) + 16;
	char *spec = pf_xmalloc(n);
	snprintf(spec, n, "%s^{commit}", ref);
	char *const argv[] = {"git", "rev-parse", "--verify", "-q", spec, NULL};
	char *out;
	size_t len;
	int rc = run_git(argv, &out, &len);
	free(out);
	free(spec);
	if (rc == 0)
		return PF_GIT_REV_OK;
	/* HEAD that names no commit yet, in a real repository: an unborn
	 * branch, before the first commit */
	if (strcmp(ref, "HEAD") != 0)
		return PF_GIT_REV_BAD;
	char *const sym[] = {"git", "symbolic-ref", "-q", "HEAD", NULL};
	rc = run_git(sym, &out, &len);
	free(out);
	return rc == 0 ? PF_GIT_REV_UNBORN : PF_GIT_REV_BAD;
}

int pf_git_revision_files(const char *ref, bool staged, struct pf_unsaved_set *out, char *err,
                          size_t errsize)
{
	memset(out, 0, sizeof(*out));
	char *top = toplevel();
	if (!top) {
		snprintf(err, errsize, "--new-since %s: not inside a git work tree", ref);
		return -1;
	}
	char *names;
	size_t len;
	char *argv[] = {"git", "diff", "--name-only", "-z", "--no-renames", NULL, NULL, NULL, NULL};
	int k = 5;
	if (staged)
		argv[k++] = "--cached";
	argv[k++] = (char *)ref;
	argv[k++] = "--";
	if (diff_names(argv, &names, &len) != 0) {
		snprintf(err, errsize, "--new-since %s: git diff failed in %s", ref, top);
		free(names);
		free(top);
		return -1;
	}
	for (size_t i = 0; i < len; i += strlen(names + i) + 1)
		add_version(out, top, ref, names + i);
	free(names);
	free(top);
	return 0;
}
