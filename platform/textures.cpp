#include "platform/textures.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <stb_image.h>

namespace platform {

TextureCache::TextureCache(std::shared_ptr<const db::Catalog> catalog) : catalog_(std::move(catalog)) {
  if (!catalog_ || catalog_->images.empty()) return;
  worker_ = std::thread([this] {
    for (const auto& img : catalog_->images) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return;
      }
      Decoded d;
      d.id = img.id;
      int n = 0;
      // The build checked size and dimensions before putting the image in the snapshot.
      unsigned char* px = stbi_load_from_memory(img.bytes.data(), static_cast<int>(img.bytes.size()), &d.w, &d.h, &n, 4);
      if (!px) {  // validate rejects broken images; the kiosk then keeps the monogram
        std::lock_guard<std::mutex> lock(mu_);
        ++processed_;
        continue;
      }
      d.rgba.assign(px, px + static_cast<size_t>(d.w) * d.h * 4);
      stbi_image_free(px);
      {
        std::lock_guard<std::mutex> lock(mu_);
        ready_.push_back(std::move(d));
        ++processed_;
      }
      glfwPostEmptyEvent();  // wake the event loop so the picture gets drawn
    }
  });
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
