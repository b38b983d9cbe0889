# make demo: a small workload, audited, shown live.
insmod /c2audit.ko
echo "== c2audit loaded; c2audit tail --device -f shows the records as they come"
c2audit tail --device -f &
tail_pid=$!
sleep 1
echo "== workload: cat /etc/vm.conf; ls /nonexistent; sh -c 'echo hi > /tmp/note'"
cat /etc/vm.conf >/dev/null
ls /nonexistent 2>/dev/null
sh -c 'echo hi > /tmp/note'
sleep 1
kill $tail_pid
wait $tail_pid 2>/dev/null
echo "== c2audit status"
c2audit status
rmmod c2audit
