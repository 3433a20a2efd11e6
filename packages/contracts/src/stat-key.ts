import type { Stats } from 'node:fs';

/**
 * A file's size, modification and change times and inode, as one string: any rewrite or replacement of
 * the file changes it (the ctime cannot be set back by tools), so a file whose key is unchanged need not be
 * read and hashed again (the collector's store, the public data files).
 */
export const statKey = (st: Stats): string => `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
