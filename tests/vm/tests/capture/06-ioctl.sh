# ioctl sizes, pointers, unknown commands, permissions, geometry, enable.
. /tests/lib.sh

load_module
devtest ioctl
