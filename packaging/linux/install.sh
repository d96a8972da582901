#!/bin/sh
# Installs this ClinicApp build for the current user (no administrator rights):
# the program into ~/.local/opt/clinicapp, a `clinicapp` command into ~/.local/bin, and a
# menu entry. Data lives elsewhere (~/.local/share/ClinicApp) and is never touched here, so
# installing a newer build over this one, or removing it, keeps every record.
# Remove with: sh ~/.local/opt/clinicapp/install.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/clinicapp"
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$HOME/.local/bin/clinicapp" "$prefix/applications/clinicapp.desktop" \
         "$prefix/icons/hicolor/scalable/apps/clinicapp.svg"
  echo "ClinicApp removed; your records in $prefix/ClinicApp are kept."
  exit 0
fi
if [ "$here" != "$opt" ]; then
  rm -rf "$opt.new" && mkdir -p "$(dirname "$opt")" && cp -a "$here" "$opt.new"
  rm -rf "$opt" && mv "$opt.new" "$opt"
fi
mkdir -p "$HOME/.local/bin" "$prefix/applications" "$prefix/icons/hicolor/scalable/apps"
ln -sf "$opt/clinicapp" "$HOME/.local/bin/clinicapp"
sed "s|^Exec=.*|Exec=$opt/clinicapp|" "$opt/share/applications/clinicapp.desktop" \
  > "$prefix/applications/clinicapp.desktop"
cp "$opt/share/icons/hicolor/scalable/apps/clinicapp.svg" "$prefix/icons/hicolor/scalable/apps/"
echo "ClinicApp installed: start it from the menu, or run 'clinicapp'."
