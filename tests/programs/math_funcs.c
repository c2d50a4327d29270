// <math.h>: the correctly rounded or exact functions (sqrt, fma, floor,
// ceil, round, trunc, rint, fmod, remainder, ldexp, frexp, modf, copysign,
// nextafter, fabs, fmin, fmax) printed exactly (%a, or the bits for
// subnormals, which C libraries may print differently), classification
// macros, and a few transcendental functions printed to 10 digits (their
// last bit may differ between C libraries); then numerical code built from
// basic operations: Newton's method, Simpson's rule and a matrix product.
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* No contraction of a * b + c into fused multiply-adds: clang folds
 * constant ones with a single rounding but computes the rest with two, so
 * results would hang on what the optimiser folds on each target. */
#pragma STDC FP_CONTRACT OFF

/* x exactly: %a, except subnormals as their bits ("sub:..."): C lets
 * printf normalise subnormals in %a, and libraries differ. */
static const char *hx(double x)
{
	static char buf[8][48];
	static int turn;
	char *p = buf[turn++ & 7];
	if (fpclassify(x) == FP_SUBNORMAL) {
		uint64_t bits;
		memcpy(&bits, &x, sizeof bits);
		snprintf(p, sizeof buf[0], "sub:%016llx",
		         (unsigned long long)bits);
	} else {
		snprintf(p, sizeof buf[0], "%a", x);
	}
	return p;
}

static void exact(double x)
{
	double ip;
	int e;
	double fr = frexp(x, &e);
	double mf = modf(x, &ip);
	printf("%g: sqrt %s floor %s ceil %s round %s trunc %s rint %s\n", x,
	       hx(sqrt(fabs(x))), hx(floor(x)), hx(ceil(x)), hx(round(x)),
	       hx(trunc(x)), hx(rint(x)));
	printf("  fmod7 %s rem7 %s frexp %s*2^%d modf %s+%s ldexp %s\n",
	       hx(fmod(x, 7)), hx(remainder(x, 7)), hx(fr), e, hx(mf), hx(ip),
	       hx(ldexp(x, -3)));
	printf("  next %s %s fma %s copysign %s\n", hx(nextafter(x, INFINITY)),
	       hx(nextafter(x, -INFINITY)), hx(fma(x, x, -1.0)),
	       hx(copysign(2.0, x)));
}

static void classify(double x)
{
	printf("%-8g finite %d inf %d nan %d normal %d signbit %d class %s\n",
	       x, !!isfinite(x), !!isinf(x), !!isnan(x), !!isnormal(x),
	       !!signbit(x),
	       fpclassify(x) == FP_ZERO        ? "zero"
	       : fpclassify(x) == FP_SUBNORMAL ? "subnormal"
	       : fpclassify(x) == FP_NORMAL    ? "normal"
	       : fpclassify(x) == FP_INFINITE  ? "infinite"
	                                       : "nan");
}

static double f(double x)
{
	return x * x * x - 2 * x - 5;
}

int main(void)
{
	const double xs[] = {0.0,   -0.0,  1.0,      2.5,      -2.5, 3.5,
	                     10.75, -17.3, 1e16 + 1, 123456.5, 0.1,  1e-310};
	for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++)
		exact(xs[i]);
	printf("fmin %a fmax %a fmin(nan,1) %a fmax(1,nan) %a\n",
	       fmin(-0.0, 0.0), fmax(-0.0, 0.0), fmin(NAN, 1.0),
	       fmax(1.0, NAN));
	printf("sqrtf %a floorf %a fmaf %a\n", sqrtf(2.0f), floorf(-1.5f),
	       fmaf(0.1f, 10.0f, -1.0f));
	const double cls[] = {0.0,      -0.0,      1.0, DBL_MIN / 4,
	                      INFINITY, -INFINITY, NAN, -DBL_MAX};
	for (unsigned i = 0; i < sizeof cls / sizeof cls[0]; i++)
		classify(cls[i]);
	const double ts[] = {0.5, 1.0, 2.0, 10.0, 0.001};
	for (unsigned i = 0; i < sizeof ts / sizeof ts[0]; i++) {
		double t = ts[i];
		printf("%g: exp %.10g log %.10g sin %.10g cos %.10g atan %.10g "
		       "pow %.10g\n",
		       t, exp(t), log(t), sin(t), cos(t), atan(t), pow(t, 1.5));
	}
	printf("pow exact: %a %a %a\n", pow(2, 10), pow(-3, 3), pow(10, -2));
	/* Newton's method for the real root of x^3 - 2x - 5. */
	volatile double start = 2; /* computed at run time, not folded */
	double x = start;
	for (int i = 0; i < 8; i++)
		x -= f(x) / (3 * x * x - 2);
	printf("newton root %.17g residual %a\n", x, f(x));
	/* Simpson's rule for the integral of 1/(1+x^2) on [0,1] (= pi/4). */
	int n = 1000;
	double h = 1.0 / n, s = 1.0 + 0.5;
	for (int i = 1; i < n; i++)
		s += (i % 2 ? 4.0 : 2.0) / (1.0 + (i * h) * (i * h));
	printf("simpson 4*I = %.17g\n", 4 * s * h / 3);
	double a[6][6], b[6][6], c[6][6];
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 6; j++) {
			a[i][j] = 1.0 / (i + j + 1);
			b[i][j] = (i == j) * 2.0 - 0.25 * (i + j) / 6;
		}
	double trace = 0;
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 6; j++) {
			c[i][j] = 0;
			for (int k = 0; k < 6; k++)
				c[i][j] += a[i][k] * b[k][j];
			trace += i == j ? c[i][j] : 0;
		}
	printf("matrix trace %a c[5][0] %a\n", trace, c[5][0]);
	return 0;
}
