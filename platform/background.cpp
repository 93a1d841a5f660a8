#include "platform/background.h"

#include <sys/resource.h>
#include <unistd.h>

namespace platform {

void RunInBackground() {
  // On Linux a thread is a task with its own nice value: setpriority on its id changes that thread only
  // (setpriority(2), NOTES). Raising the nice value needs no privilege.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
}

}  // namespace platform
