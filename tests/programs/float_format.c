// printf's floating-point conversions (%f %e %g %a and their flags),
// rounding of exact ties, special values, float arguments, and strtod
// round trips.  Subnormals are left out of %a: C lets libraries normalise
// them differently.
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double values[] = {
    0.0,
    -0.0,
    1.0,
    -1.5,
    0.1,
    1.0 / 3.0,
    2.5,
    3.5,
    0.125,
    0.375,
    1e-5,
    123456.789,
    1e21,
    1e22,
    9.999999e15,
    6.02214076e23,
    1.602176634e-19,
    0.5,
    1.5,
    2.675,
    1234567.0,
    100.0,
    1e-300,
    1e300,
    -987654.3210,
    0.000123456789,
    65536.0,
    4294967296.5,
};

static void show(double v)
{
	printf("%f|%.0f|%.2f|%.10f|%e|%.3e|%g|%.3g|%.17g|%a|%.2a\n", v, v, v, v,
	       v, v, v, v, v, v, v);
	printf("  [%12.3f] [%-12.4e] [%+g] [% .5g] [%#.0f] [%#g] [%012.2f]\n",
	       v, v, v, v, v, v, v);
}

static void ties(void)
{
	/* Exact binary halves round to even; near-halves by their value. */
	const double halves[] = {0.5,   1.5,   2.5,   3.5,   -0.5,  -2.5,
	                         0.125, 0.375, 0.625, 2.675, 1.005, 1e15 + 0.5};
	for (unsigned i = 0; i < sizeof halves / sizeof halves[0]; i++)
		printf("%.0f %.1f %.2f\n", halves[i], halves[i], halves[i]);
}

static void specials(void)
{
	printf("%f %f %e %g %F %E %G\n", INFINITY, -INFINITY, INFINITY,
	       -INFINITY, INFINITY, -INFINITY, INFINITY);
	printf("%f %e %g %F\n", NAN, NAN, -NAN, NAN);
	printf("%8.3f|%-8g|%+e\n", INFINITY, NAN, -INFINITY);
	printf("%.20f\n%.30e\n", DBL_MAX / 1e300, DBL_MIN);
	printf("%f\n", DBL_MAX);
	printf("%g %g %.17g %a\n", DBL_MIN, DBL_EPSILON, DBL_EPSILON, DBL_MIN);
	printf("%g %e\n", 5e-324, 5e-324);
}

static void floats(void)
{
	const float fs[] = {0.1f,          1.0f / 3.0f,     16777217.0f,
	                    3.4028235e38f, 1.17549435e-38f, -2.5f};
	for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++)
		printf("%.9g %a %e\n", fs[i], fs[i], fs[i]);
}

static void round_trips(void)
{
	char buf[64];
	unsigned ok = 0, n = 0;
	double x = 1.0;
	for (int i = 0; i < 2000; i++) {
		x = x * 1.37 + 0.001 * i;
		if (x > 1e200)
			x = x / 1e250;
		snprintf(buf, sizeof buf, "%.17g", x);
		n++;
		ok += strtod(buf, NULL) == x;
	}
	printf("round trips: %u of %u\n", ok, n);
	const char *inputs[] = {"0x1.8p1",
	                        "  -12.5e-1xyz",
	                        "1e-400",
	                        "1e400",
	                        "inf",
	                        "-Infinity",
	                        "nan",
	                        ".5",
	                        "5.",
	                        "0.1e1",
	                        "123456789012345678901234567890"};
	for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *end;
		errno = 0;
		double v = strtod(inputs[i], &end);
		printf("strtod(\"%s\") = %.17g rest \"%s\" erange %d\n",
		       inputs[i], v, end, errno == ERANGE);
	}
	printf("strtof(\"0.1\") = %.9g\n", strtof("0.1", NULL));
}

int main(void)
{
	for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++)
		show(values[i]);
	ties();
	specials();
	floats();
	round_trips();
	return 0;
}
