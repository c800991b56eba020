#!/bin/sh
# Re-fetches the report's vendored browser libraries from the npm registry, by exact version, into this folder.
# The files are committed so that neither building nor opening the report needs node, npm or a network;
# run this only to change a version (and update the versions here and in README.md's report section).
set -eu
KATEX=0.19.1
HIGHLIGHT=11.12.0

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "katex@$KATEX" "@highlightjs/cdn-assets@$HIGHLIGHT" >/dev/null
mkdir katex highlight
tar xzf "katex-$KATEX.tgz" -C katex
tar xzf "highlightjs-cdn-assets-$HIGHLIGHT.tgz" -C highlight

# KaTeX: the script, its stylesheet and only the woff2 fonts (every browser that runs the report reads woff2,
# so the stylesheet's woff/ttf fallbacks are never requested).
rm -rf "$here/katex"
mkdir -p "$here/katex/fonts"
cp katex/package/LICENSE katex/package/dist/katex.min.js katex/package/dist/katex.min.css "$here/katex/"
cp katex/package/dist/fonts/*.woff2 "$here/katex/fonts/"
echo "$KATEX" > "$here/katex/VERSION"

# highlight.js: the prebuilt browser bundle (its common languages include C#; the npm package highlight.js
# has only CommonJS and ES modules, which a page opened from file:// cannot load) and a light theme.
rm -rf "$here/highlight"
mkdir -p "$here/highlight"
cp highlight/package/LICENSE highlight/package/highlight.min.js highlight/package/styles/github.min.css "$here/highlight/"
echo "$HIGHLIGHT" > "$here/highlight/VERSION"
