# Files pacprobe writes on request (--junit, --write-reg; docs/security.md):
# created new, never through a symbolic link, an existing file replaced only
# with --overwrite and only when it is a regular file with one link. The
# refusal is one line naming the option and the path, exit 2, before any
# case or attempt runs; the file that was there is untouched. A full disk:
# tests/cli/full_disk.sh.

=== --junit onto an existing file: refused, the file keeps its content, no case runs
$ cd $DATA/test && echo keep > $TMP/old.xml && pacprobe test --junit $TMP/old.xml routes.pac suite.cases; echo "rc=$?"; cat $TMP/old.xml
out<<
rc=2
keep
.
err~ ^pacprobe: error: option --junit: '.*/old.xml' already exists \(pass --overwrite to replace it\)$
errlines 1

=== --overwrite replaces an existing regular file
$ cd $DATA/test && echo keep > $TMP/old2.xml && pacprobe test --overwrite --junit $TMP/old2.xml routes.pac suite.cases >/dev/null; echo "rc=$?"; grep -c '<testcase ' $TMP/old2.xml; grep -c keep $TMP/old2.xml || true
out<<
rc=1
10
0
.

=== --junit through a symbolic link: refused even with --overwrite, the link's target untouched
$ cd $DATA/test && echo secret > $TMP/victim && ln -s $TMP/victim $TMP/link.xml && pacprobe test --overwrite --junit $TMP/link.xml routes.pac suite.cases; echo "rc=$?"; cat $TMP/victim
out<<
rc=2
secret
.
err~ option --junit: '.*/link.xml' is a symbolic link \(not followed\)$
errlines 1

=== a dangling symbolic link is not followed into creating its target
$ cd $DATA/test && ln -s $TMP/planted.xml $TMP/dangling.xml && pacprobe test --junit $TMP/dangling.xml routes.pac suite.cases; echo "rc=$?"; test -e $TMP/planted.xml && echo created || echo absent
out<<
rc=2
absent
.
err~ '.*/dangling.xml' is a symbolic link \(not followed\)$

=== --overwrite does not truncate a file with other hard links (it would change the other name too)
$ cd $DATA/test && echo shared > $TMP/a.xml && ln $TMP/a.xml $TMP/b.xml && pacprobe test --overwrite --junit $TMP/b.xml routes.pac suite.cases; echo "rc=$?"; cat $TMP/a.xml
out<<
rc=2
shared
.
err~ option --junit: '.*/b.xml' has other hard links \(not replaced\)$

=== --overwrite does not write into a FIFO or another non-regular file
$ cd $DATA/test && mkfifo $TMP/fifo && pacprobe test --overwrite --junit $TMP/fifo routes.pac suite.cases
exit 2
err~ option --junit: '.*/fifo' is not a regular file$
within 5

=== a directory is not a report file
$ cd $DATA/test && pacprobe test --overwrite --junit $TMP routes.pac suite.cases
exit 2
err~ option --junit: '.*' is not a regular file$

=== check --junit onto an existing file: refused before any attempt
$ echo keep > $TMP/ck.xml && pacprobe check --no-dns --proxy "" --junit $TMP/ck.xml http://127.0.0.1:9/; echo "rc=$?"; cat $TMP/ck.xml
out<<
rc=2
keep
.
err~ ^pacprobe: error: option --junit: '.*/ck.xml' already exists \(pass --overwrite to replace it\)$
errlines 1

=== check --junit through a symbolic link: refused
$ echo secret > $TMP/v2 && ln -s $TMP/v2 $TMP/l2.xml && pacprobe check --no-dns --proxy "" --overwrite --junit $TMP/l2.xml http://127.0.0.1:9/; echo "rc=$?"; cat $TMP/v2
out<<
rc=2
secret
.
err~ '.*/l2.xml' is a symbolic link \(not followed\)$

=== --write-reg onto an existing file: refused, nothing written
$ echo keep > $TMP/fix.reg && pacprobe sources --no-env --reg $DATA/sources/corp.reg --for localsystem --write-reg $TMP/fix.reg >/dev/null; echo "rc=$?"; cat $TMP/fix.reg
out<<
rc=2
keep
.
err~ option --write-reg: '.*/fix.reg' already exists \(pass --overwrite to replace it\)$

=== --write-reg --overwrite replaces it with the byte-exact fix
$ echo keep > $TMP/fix3.reg && pacprobe sources --no-env --reg $DATA/sources/corp.reg --for localsystem,localservice --overwrite --write-reg $TMP/fix3.reg >/dev/null && cmp $TMP/fix3.reg $DATA/sources/fix-expected.reg && echo identical
out= identical

=== --write-reg through a symbolic link: refused
$ echo secret > $TMP/v3 && ln -s $TMP/v3 $TMP/l3.reg && pacprobe sources --no-env --reg $DATA/sources/corp.reg --for localsystem --overwrite --write-reg $TMP/l3.reg >/dev/null; echo "rc=$?"; cat $TMP/v3
out<<
rc=2
secret
.
err~ option --write-reg: '.*/l3.reg' is a symbolic link \(not followed\)$

=== a new file gets the umask's mode, like any file the user creates
$ cd $DATA/test && umask 027 && pacprobe test --junit $TMP/mode.xml routes.pac suite.cases >/dev/null; stat -c %a $TMP/mode.xml
out= 640
