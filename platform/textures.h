// Pictures of the snapshot (logos) as GL textures: decoded on a worker thread with db/base/image_codec.h (libpng,
// the caps checked before decoding), uploaded on the UI thread at a frame boundary. Until a picture is ready
// (or when it failed), Get() returns null and the screens draw a monogram. Owns its thread and its textures (joined and deleted in the destructor).
#pragma once
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/model/catalog.h"

namespace platform {

class TextureCache {
 public:
  explicit TextureCache(std::shared_ptr<const db::Catalog> catalog);
  ~TextureCache();
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;

  // Uploads what the worker finished since the last call. True when a texture became available (redraw).
  bool Upload();
  // ImTextureID of the image, or nullptr while it is not decoded (or failed to decode).
  void* Get(const std::string& image_id) const;
  // True while pictures are still being decoded or wait for upload (screenshots wait for them).
  bool Busy();
  // The last picture that could not be drawn, and why; empty when every one was. Thread-safe copy.
  std::string problem();

 private:
  struct Decoded {
    std::string id;
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
  };
  // One picture on the worker thread; nothing (and the reason in `why`) when it is over the caps, not a PNG
  // or broken.
  static std::optional<Decoded> Decode(const db::Image& img, std::string& why);
  std::shared_ptr<const db::Catalog> catalog_;  // keeps the image bytes alive for the worker
  std::mutex mu_;
  std::vector<Decoded> ready_;  // guarded by mu_
  bool stop_ = false;           // guarded by mu_
  size_t processed_ = 0;        // guarded by mu_: images decoded or given up
  std::string problem_;         // guarded by mu_
  std::map<std::string, unsigned> textures_;  // UI thread only: image id -> GL texture name
  std::thread worker_;
};

}  // namespace platform
