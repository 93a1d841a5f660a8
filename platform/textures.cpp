#include "platform/textures.h"

#include "platform/background.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>

#include <cstdio>
#include <exception>

#include "db/base/image_codec.h"
#include "db/base/result.h"
#include "db/base/text.h"

namespace platform {

TextureCache::TextureCache(std::shared_ptr<const db::Catalog> catalog) : catalog_(std::move(catalog)) {
  if (!catalog_ || catalog_->images.empty()) return;
  worker_ = std::thread([this] {
    RunInBackground();  // the monograms show meanwhile
    // Nothing leaves this thread (an exception here would end the kiosk): db::Guard is the boundary of each
    // picture and of the loop. A picture that fails for any reason counts as processed (Busy() must end),
    // keeps its monogram and is reported (the log, the staff panel through problem()).
    auto failed = db::Guard("decoding the pictures", [&] {
      for (const auto& img : catalog_->images) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (stop_) return;
        }
        std::optional<Decoded> d;
        std::string why;
        if (auto broke = db::Guard("decoding", [&] { d = Decode(img, why); })) why = broke->message;
        std::string problem;
        if (!d) {
          problem = "picture '" + db::Printable(img.id.substr(0, 200)) + "' is not drawn (its monogram is): " + why;
          std::fprintf(stderr, "forum-kiosk: %s\n", problem.c_str());
        }
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (d) ready_.push_back(std::move(*d));
          else problem_ = std::move(problem);
          ++processed_;
        }
        if (d) glfwPostEmptyEvent();  // wake the event loop so the picture gets drawn
      }
    });
    if (failed) {  // the lock or the wake-up failed: give up on the rest rather than leave Busy() stuck
      std::lock_guard<std::mutex> lock(mu_);
      processed_ = catalog_->images.size();
      problem_ = failed->message;
    }
  });
}

std::string TextureCache::problem() {
  std::lock_guard<std::mutex> lock(mu_);
  return problem_;
}

std::optional<TextureCache::Decoded> TextureCache::Decode(const db::Image& img, std::string& why) {
  // validate refuses a snapshot with pictures that do not decode, but --snapshot may force any file onto the
  // kiosk: the caps are checked from the header before any pixel memory is allocated (a 12000 x 12000 logo
  // is refused, not decoded), and only PNGs (the form the build stores) are read, with libpng.
  auto rgba = db::DecodeImage(img.bytes, db::ImageLimits{}, db::ImageFormats::kPngOnly);
  if (!rgba) {
    why = rgba.error().message;
    return std::nullopt;
  }
  Decoded d;
  d.id = img.id;
  d.w = rgba.value().width;
  d.h = rgba.value().height;
  d.rgba = std::move(rgba.value().rgba);
  return d;
}

TextureCache::~TextureCache() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  if (worker_.joinable()) worker_.join();
  for (auto& [id, tex] : textures_) glDeleteTextures(1, &tex);
}

bool TextureCache::Upload() {
  std::vector<Decoded> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(ready_);
  }
  for (const auto& d : batch) {
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, d.w, d.h, 0, GL_RGBA, GL_UNSIGNED_BYTE, d.rgba.data());
    textures_[d.id] = tex;
  }
  return !batch.empty();
}

bool TextureCache::Busy() {
  std::lock_guard<std::mutex> lock(mu_);
  return catalog_ && (processed_ < catalog_->images.size() || !ready_.empty());
}

void* TextureCache::Get(const std::string& image_id) const {
  auto it = textures_.find(image_id);
  return it == textures_.end() ? nullptr : reinterpret_cast<void*>(static_cast<intptr_t>(it->second));
}

}  // namespace platform
