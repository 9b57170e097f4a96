#!/bin/bash
# Enclave's deb/rpm post-remove script: removes the two links after-install.tpl made and the AppArmor
# profile. The users' data folders (~/.config/Enclave) are theirs and stay.
rm -f '/usr/bin/${executable}' '/usr/bin/enclave'
if [ -f '/etc/apparmor.d/${executable}' ]; then
  if hash apparmor_parser 2>/dev/null && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --remove '/etc/apparmor.d/${executable}' || true
  fi
  rm -f '/etc/apparmor.d/${executable}'
fi
