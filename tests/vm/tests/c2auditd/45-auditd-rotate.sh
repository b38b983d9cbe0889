# Rotation by size keeps num_logs files, SIGUSR1 rotates, keep_logs
# removes nothing; SIGHUP reloads the configuration and the rules, and
# keeps both in force when the new configuration is bad. Every file
# continues the one before it, as verify checks.
. /tests/lib.sh

newest() {
	ls $log | tail -1
}

load_module
mkdir w
: >w/f
log=$PWD/log
echo "audit syscall=openat path=$PWD/w key=first" >rules.conf
# Small batches, so that files rotate near their size.
auditd_conf $log max_log_file=64K num_logs=3 read_batch=16 rules_file=$PWD/rules.conf
start_auditd
grep -q "1 rules loaded from $PWD/rules.conf" auditd.log || fail "the rules file was not applied"
c2audit rules list | grep -q "key=first" || fail "the module has not the rules"
# 1200 records: over 300 KiB (~250 bytes each), five files or more of 64 KiB.
wl open $PWD/w/f 1200 >/dev/null
sleep 0.5
ls -l $log
[ "$(ls $log | wc -l)" = 3 ] || fail "$(ls $log | wc -l) files, not num_logs=3"
grep -q "removed $log/trail-00000001.c2a (num_logs=3)" auditd.log || fail "the oldest file stayed"
c2audit verify $log || fail "verify after rotations"

before=$(newest)
kill -USR1 $AUDITD_PID
wait_log auditd.log "rotating (SIGUSR1)"
wait_log auditd.log "writing $log/$(echo $before | awk -F'[-.]' '{ printf "trail-%08d.c2a", $2 + 1 }')"

# New rules and keep_logs, on SIGHUP.
echo "audit syscall=openat path=$PWD/w key=second" >rules.conf
auditd_conf $log max_log_file=32K max_log_file_action=keep_logs num_logs=3 read_batch=16 \
	rules_file=$PWD/rules.conf
kill -HUP $AUDITD_PID
wait_log auditd.log "configuration reloaded"
wait_log auditd.log "1 rules loaded.*" 
c2audit rules list | grep -q "key=second" || fail "the rules were not reloaded"
files=$(ls $log | wc -l)
wl open $PWD/w/f 600 >wl.out
pid=$(head -1 wl.out)
sleep 0.5
[ "$(ls $log | wc -l)" -ge $((files + 3)) ] || fail "keep_logs removed files"

# A bad configuration leaves the one in force.
echo "flush = sometimes" >>auditd.conf
kill -HUP $AUDITD_PID
wait_log auditd.log "configuration not reloaded"
kill -0 $AUDITD_PID || fail "c2auditd died of a bad configuration"
stop_auditd
cat auditd.log
c2audit verify $log || fail "verify"
trailcat $log >r.bin || fail "trailcat"
n=$(reccheck grep r.bin syscall=openat pid=$pid key=second | wc -l)
[ "$n" = 600 ] || fail "$n opens under the reloaded rules, not 600"
reccheck grep r.bin type=config item=rules_load | grep -q . || fail "no record of the rules load"
