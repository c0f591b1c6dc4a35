/* Planted binaries for tests/security/selftest.sh. Each build (-DPLANT_...)
   does one thing tests/security.sh must catch; without one it does nothing
   wrong, and the check must pass it. Nothing here harms the machine: the
   calls fail (a bad descriptor, a path that does not exist) or touch only
   /dev/null, but strace sees them made. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
  (void)argv;
#if defined(PLANT_UNREACHED_SOCKET)
  /* Never runs (argc is small): only the link check can see what the
     binary could do, in a static binary as in a dynamic one. */
  if (argc > 1000) return socket(AF_INET, SOCK_STREAM, 0);
#elif defined(PLANT_CREATE)
  /* "O_RDONLY", yet creating and truncating. */
  int fd = open("/dev/null", O_RDONLY | O_CREAT | O_TRUNC, 0600);
  if (fd >= 0) close(fd);
#elif defined(PLANT_SYSCALLS)
  /* Raw syscalls, so that each is the call strace must name (libc
     wrappers may pick the *at form). */
  (void)argc;
  syscall(SYS_link, "/nonexistent/a", "/nonexistent/b");
  syscall(SYS_linkat, AT_FDCWD, "/nonexistent/a", AT_FDCWD, "/nonexistent/b", 0);
  syscall(SYS_symlink, "/nonexistent/a", "/nonexistent/b");
  syscall(SYS_symlinkat, "/nonexistent/a", AT_FDCWD, "/nonexistent/b");
  syscall(SYS_rmdir, "/nonexistent/a");
  syscall(SYS_chmod, "/nonexistent/a", 0);
  syscall(SYS_fchmod, -1, 0);
  syscall(SYS_fchmodat, AT_FDCWD, "/nonexistent/a", 0, 0);
  syscall(SYS_ftruncate, -1, 0);
  syscall(SYS_sendmsg, -1, 0, 0);
  syscall(SYS_socketpair, -1, -1, 0, 0);
  syscall(SYS_connect, -1, 0, 0);
  syscall(SYS_accept, -1, 0, 0);
  syscall(SYS_listen, -1, 0);
#elif defined(PLANT_EXIT_1)
  /* A case that expects exit 0. */
  (void)argc;
  return 1;
#elif defined(PLANT_SIGNAL)
  /* SIGKILL leaves no "--- SIG" line in the trace, only the exit status. */
  (void)argc;
  raise(SIGKILL);
#else
  (void)argc;
#endif
  return 0;
}
