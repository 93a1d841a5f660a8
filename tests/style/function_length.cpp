// function_length: fails when a function in the given files or folders is longer than the limit (80 lines,
// from the first line of its signature to its closing brace) and the comment right above it does not say why,
// with a line that starts "// Why this is long:". Run by CTest over app/, db/ and platform/ (tests/style/).
//
//   function_length [--max N] PATH...     PATH: a .cpp/.h file or a folder searched for them
//
// Prints one line per long function ("file:line: Name is N lines (limit 80) ...") and exits 1 if there is
// any, 0 otherwise, 2 on a usage error. A function is any brace block whose head (the text since the previous
// ';', '{' or '}') has a ')' and is not a control statement: free functions, member functions defined in a
// class and constructors. Lambdas count as part of the function they are written in. Namespaces, classes and
// initializers are looked into, not measured. Comments, string and character literals (raw strings included)
// are skipped so that their braces do not count. A heuristic, not a parser: it is meant for this code base's
// clang-format style, and it is tested on a fixture (tests/style/fixtures/).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Finding {
  std::string file, name;
  int line = 0, length = 0;
};

// The source with comments and literals blanked out (kept: newlines, so that offsets map to the same lines).
std::string Blank(const std::string& src) {
  std::string out = src;
  size_t i = 0, n = src.size();
  auto blank = [&](size_t from, size_t to) {
    for (size_t k = from; k < to && k < n; ++k)
      if (out[k] != '\n') out[k] = ' ';
  };
  while (i < n) {
    if (src.compare(i, 2, "//") == 0) {
      size_t e = src.find('\n', i);
      e = e == std::string::npos ? n : e;
      blank(i, e);
      i = e;
    } else if (src.compare(i, 2, "/*") == 0) {
      size_t e = src.find("*/", i + 2);
      e = e == std::string::npos ? n : e + 2;
      blank(i, e);
      i = e;
    } else if (src[i] == 'R' && i + 1 < n && src[i + 1] == '"' && (i == 0 || !std::isalnum((unsigned char)src[i - 1]))) {
      size_t open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      size_t e = src.find(close, open);
      e = e == std::string::npos ? n : e + close.size();
      blank(i + 1, e);
      i = e;
    } else if (src[i] == '"' || (src[i] == '\'' && !(i > 0 && std::isxdigit((unsigned char)src[i - 1])))) {
      // A ' after a hex digit is a digit separator (1'000), not a character literal.
      char q = src[i];
      size_t k = i + 1;
      while (k < n && src[k] != q && src[k] != '\n') k += src[k] == '\\' ? 2 : 1;
      blank(i + 1, k);
      i = k + 1;
    } else if (src[i] == '#' ) {  // preprocessor lines (with continuations) hold no function bodies
      size_t e = i;
      while (e < n && src[e] != '\n') e = (src[e] == '\\' && e + 1 < n && src[e + 1] == '\n') ? e + 2 : e + 1;
      blank(i, e);
      i = e;
    } else {
      ++i;
    }
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool StartsWithWord(const std::string& head, const char* word) {
  size_t len = std::char_traits<char>::length(word);
  return head.compare(0, len, word) == 0 && (head.size() == len || !std::isalnum((unsigned char)head[len]));
}

// The name a head declares: the identifier (with its qualifiers) right before the first '(' of the head.
std::string NameOf(const std::string& head) {
  size_t paren = head.find('(');
  size_t e = paren;
  while (e > 0 && head[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && (std::isalnum((unsigned char)head[b - 1]) || head[b - 1] == '_' || head[b - 1] == ':' || head[b - 1] == '~'))
    --b;
  return head.substr(b, e - b);
}

int LineOf(const std::string& s, size_t pos) {
  int line = 1;
  for (size_t k = 0; k < pos && k < s.size(); ++k) line += s[k] == '\n';
  return line;
}

// Whether the comment lines right above `line` (1-based) say why the function is long.
bool SaysWhy(const std::vector<std::string>& lines, int line) {
  for (int k = line - 2; k >= 0; --k) {
    std::string t = Trim(lines[size_t(k)]);
    if (t.rfind("//", 0) != 0) break;
    if (t.rfind("// Why this is long:", 0) == 0) return true;
  }
  return false;
}

void CheckFile(const fs::path& path, int max, std::vector<Finding>& found) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string src = buf.str();
  const std::string code = Blank(src);
  std::vector<std::string> lines;
  {
    std::stringstream ls(src);
    for (std::string l; std::getline(ls, l);) lines.push_back(l);
  }
  // A stack of open blocks; a function body is measured when it closes, and nothing inside it is.
  struct Block {
    bool function;
    size_t head_start;
    std::string name;
  };
  std::vector<Block> open;
  size_t head_start = 0;  // where the text since the last ; { } begins
  int inside_function = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';' && !inside_function) {
      head_start = i + 1;
    } else if (c == '{') {
      bool function = false;
      std::string name;
      if (!inside_function) {
        std::string head = Trim(code.substr(head_start, i - head_start));
        bool control = StartsWithWord(head, "if") || StartsWithWord(head, "for") || StartsWithWord(head, "while") ||
                       StartsWithWord(head, "switch") || StartsWithWord(head, "catch");
        function = !control && head.find('(') != std::string::npos && head.find(')') != std::string::npos &&
                   head.find('=') == std::string::npos;
        if (function) name = NameOf(head);
      }
      size_t start = head_start;
      while (start < i && std::isspace((unsigned char)code[start])) ++start;
      open.push_back({function, start, name});
      inside_function += function;
      head_start = i + 1;
    } else if (c == '}') {
      if (open.empty()) continue;  // unbalanced (a macro trick): ignore rather than crash
      Block b = open.back();
      open.pop_back();
      if (b.function) {
        --inside_function;
        int first = LineOf(code, b.head_start), last = LineOf(code, i);
        int length = last - first + 1;
        if (length > max && !SaysWhy(lines, first)) found.push_back({path.string(), b.name, first, length});
      }
      head_start = i + 1;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int max = 80;
  std::vector<fs::path> files;
  for (int a = 1; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "--max" && a + 1 < argc) {
      max = std::atoi(argv[++a]);
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".h")) files.push_back(e.path());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "function_length: %s: no such file or folder\n", arg.c_str());
      return 2;
    }
  }
  if (files.empty() || max <= 0) {
    std::fprintf(stderr, "usage: function_length [--max N] PATH...\n");
    return 2;
  }
  std::sort(files.begin(), files.end());
  std::vector<Finding> found;
  for (auto& f : files) CheckFile(f, max, found);
  for (auto& f : found)
    std::printf("%s:%d: %s is %d lines (limit %d): split it by intent, or say above it, in a comment line starting "
                "\"// Why this is long:\", why it is not\n",
                f.file.c_str(), f.line, f.name.c_str(), f.length, max);
  std::printf("function_length: %zu file(s), %zu function(s) too long\n", files.size(), found.size());
  return found.empty() ? 0 : 1;
}
