// Clocks: the wall clock is after 2020, the monotonic clock never goes
// back and advances across a sleep, CPU time grows with work, time() agrees
// with clock_gettime; only the verdicts are printed.  Calendar conversion
// of fixed instants with gmtime and strftime (UTC, no time zone involved).
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void verdict(const char *what, int ok)
{
	printf("%-40s %s\n", what, ok ? "ok" : "FAILED");
}

int main(void)
{
	struct timespec real, mono, prev, res;
	verdict("clock_gettime(REALTIME) succeeds",
	        clock_gettime(CLOCK_REALTIME, &real) == 0);
	verdict("wall clock is after 2020-01-01", real.tv_sec > 1577836800);
	verdict("wall clock is before 2100-01-01", real.tv_sec < 4102444800LL);
	verdict("tv_nsec in range",
	        real.tv_nsec >= 0 && real.tv_nsec < 1000000000);
	time_t now = time(NULL);
	verdict("time() within 5 s of REALTIME",
	        now - real.tv_sec >= 0 && now - real.tv_sec <= 5);
	struct timeval tv;
	gettimeofday(&tv, NULL);
	verdict("gettimeofday within 5 s of REALTIME",
	        tv.tv_sec - real.tv_sec >= 0 && tv.tv_sec - real.tv_sec <= 5);
	verdict("clock_getres(MONOTONIC) succeeds",
	        clock_getres(CLOCK_MONOTONIC, &res) == 0);
	verdict("monotonic resolution at most 10 ms",
	        ns(&res) > 0 && ns(&res) <= 10000000);

	clock_gettime(CLOCK_MONOTONIC, &prev);
	int backwards = 0;
	for (int i = 0; i < 10000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &mono);
		backwards += ns(&mono) < ns(&prev);
		prev = mono;
	}
	verdict("monotonic clock never goes back", backwards == 0);

	struct timespec before, after, nap = {0, 20000000};
	clock_gettime(CLOCK_MONOTONIC, &before);
	verdict("nanosleep(20 ms) succeeds", nanosleep(&nap, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &after);
	int64_t slept = ns(&after) - ns(&before);
	verdict("at least 20 ms passed", slept >= 20000000);
	verdict("less than 5 s passed", slept < 5000000000LL);

	/* clock() itself is not in wasi-libc without an emulation library;
	 * the process CPU-time clock is. */
	struct timespec cpu0, cpu1;
	verdict("clock_gettime(PROCESS_CPUTIME) succeeds",
	        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0) == 0);
	volatile uint64_t spin = 0;
	for (uint64_t i = 0; i < 30000000; i++)
		spin += i ^ (spin >> 3);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
	verdict("CPU time is not negative", ns(&cpu0) >= 0);
	verdict("CPU time grows with work", ns(&cpu1) > ns(&cpu0));

	const time_t instants[] = {0, 951782400, 1700000000, 2147483647,
	                           4102444799LL};
	for (int i = 0; i < 5; i++) {
		struct tm tm;
		gmtime_r(&instants[i], &tm);
		char buf[80];
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j", &tm);
		printf("%lld -> %s wday %d yday %d\n", (long long)instants[i],
		       buf, tm.tm_wday, tm.tm_yday);
	}
	return 0;
}
