/*
 * Paths as piiflow shows and compares them: absolute and normalized without
 * resolving symlinks (a build may name a file through a link on purpose),
 * and displayed relative to the working directory, as compilers do. Used by
 * every stage that names a file: the compile database, lowering, the engine's
 * warnings and the language server.
 */
#ifndef PF_PATH_H
#define PF_PATH_H

/* Path helpers: absolute normalized path (without resolving symlinks; a
 * relative path is taken against base_dir, itself against the cwd when NULL
 * or relative), and the display form of a normalized absolute path (relative
 * to the cwd when under it, "." for the cwd itself). Caller frees. */
char *pf_path_absolute(const char *base_dir, const char *path);
char *pf_path_display(const char *abs_path);

#endif
