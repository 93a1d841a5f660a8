// swap_probe.so: LD_PRELOAD into any GLFW program to log the time between its buffer swaps, one line per
// frame ("swap N MS"), to $SWAP_PROBE_LOG. bench/frames.sh uses it on Dear ImGui's bare GLFW example, which
// redraws back to back, so the time between two swaps is its whole frame: the floor the kiosk's frame is
// compared with at the same screen size in the same run.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct GLFWwindow GLFWwindow;

static double Now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

void glfwSwapBuffers(GLFWwindow* w) {
  static void (*real)(GLFWwindow*);
  static FILE* log;
  static double last;
  static long n;
  if (!real) {
    real = (void (*)(GLFWwindow*))dlsym(RTLD_NEXT, "glfwSwapBuffers");
    const char* path = getenv("SWAP_PROBE_LOG");
    if (path) log = fopen(path, "a");
  }
  real(w);
  double now = Now();
  if (log && last > 0) {
    fprintf(log, "swap %ld %.3f\n", n, (now - last) * 1000);
    fflush(log);
  }
  last = now, ++n;
}
