/*
 * Finding piiflow's own data: the shipped rules packs and the annotations
 * header, relative to the installed binary first (so an installed piiflow
 * needs no configuration), then in the source tree it was built from.
 * PIIFLOW_RULES_DIR overrides the packs' folder.
 */
#include "driver/driver.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pf_rules_buf[PATH_MAX + 64];
static char pf_annot_buf[PATH_MAX + 64];

static bool pf_exe_prefix(char *buf, size_t size)
{
	char exe[PATH_MAX - 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0'; /* PREFIX/bin */
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0'; /* PREFIX */
	snprintf(buf, size, "%s", exe);
	return true;
}

static bool pf_is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *pf_driver_rules_dir(void)
{
	const char *env = getenv("PIIFLOW_RULES_DIR");
	if (env && *env)
		return env;
	char prefix[PATH_MAX - 64];
	if (pf_exe_prefix(prefix, sizeof(prefix))) {
		snprintf(pf_rules_buf, sizeof(pf_rules_buf), "%s/%s/piiflow/rules", prefix,
		         PF_INSTALL_DATADIR);
		if (pf_is_dir(pf_rules_buf))
			return pf_rules_buf;
	}
	return PF_SOURCE_RULES_DIR;
}

const char *pf_driver_annotations_dir(void)
{
	char prefix[PATH_MAX - 64];
	if (pf_exe_prefix(prefix, sizeof(prefix))) {
		snprintf(pf_annot_buf, sizeof(pf_annot_buf), "%s/%s/piiflow.h", prefix,
		         PF_INSTALL_INCLUDEDIR);
		if (access(pf_annot_buf, R_OK) == 0) {
			pf_annot_buf[strlen(pf_annot_buf) - strlen("/piiflow.h")] = '\0';
			return pf_annot_buf;
		}
	}
	return PF_SOURCE_ANNOTATIONS_DIR;
}
