# every file syscall, success and failure, with resolved paths: file
# handles, fchmodat2 (6.6+), the new mount API too.
. /tests/lib.sh

mkdir -p /tmp/sc
load_module
start_collect r.bin
sc_files /tmp/sc >expected
stop_collect
reccheck expect r.bin expected
# The check can fail: an expectation no record meets is reported.
printf 'expect\tsyscall=unlink\tpath=/no/such/record\n' >bogus
reccheck expect r.bin bogus >/dev/null && fail "a bogus expectation was met"
reccheck ids r.bin
# An open's object is the file the call installed (fd_install), never the
# fd looked up again; a failed one's path is resolved after, and says so.
expect_none r.bin syscall=openat success=yes resolved_after=path
expect_event r.bin success=no resolved_after=path
# setxattr's object and name are those do_setxattr() used: neither is
# resolved or read again after the call.
expect_event r.bin syscall=setxattr success=yes xattr=trusted.c2a
expect_none r.bin syscall=setxattr unverified=xattr
expect_none r.bin syscall=setxattr resolved_after=path
# A call with no security check of its own names the object its own
# lookup found (filename_lookup()), a symlink followed or not as it was.
expect_none r.bin syscall=name_to_handle_at success=yes resolved_after=path
expect_none r.bin syscall=fchownat success=yes resolved_after=path
