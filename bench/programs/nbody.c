/*
 * nbody: gravitational N-body simulation in double precision, 48 bodies
 * with generated masses, positions and velocities, all-pairs forces
 * (with a softening term) and symplectic Euler steps.  Stresses double
 * multiply/add/divide and sqrt in a short O(N^2) loop nest.  Checksum:
 * the energy before and after, and the centre of mass.
 *
 * bench-quick: 20
 */
#include <math.h>

#include "common.h"

#define BODIES 48
#define DT 0.001
#define SOFTENING 0.01

typedef struct {
	double x[BODIES], y[BODIES], z[BODIES];
	double vx[BODIES], vy[BODIES], vz[BODIES];
	double m[BODIES];
} system_t;

static void init(system_t *s, bench_rng *r)
{
	for (int i = 0; i < BODIES; i++) {
		s->x[i] = bench_unit(r) * 20.0 - 10.0;
		s->y[i] = bench_unit(r) * 20.0 - 10.0;
		s->z[i] = bench_unit(r) * 2.0 - 1.0;
		s->vx[i] = -s->y[i] * 0.05;
		s->vy[i] = s->x[i] * 0.05;
		s->vz[i] = 0.0;
		s->m[i] = 0.5 + bench_unit(r);
	}
}

static double energy(const system_t *s)
{
	double e = 0.0;
	for (int i = 0; i < BODIES; i++) {
		e += 0.5 * s->m[i] *
		     (s->vx[i] * s->vx[i] + s->vy[i] * s->vy[i] +
		      s->vz[i] * s->vz[i]);
		for (int j = i + 1; j < BODIES; j++) {
			double dx = s->x[i] - s->x[j], dy = s->y[i] - s->y[j];
			double dz = s->z[i] - s->z[j];
			e -= s->m[i] * s->m[j] /
			     sqrt(dx * dx + dy * dy + dz * dz + SOFTENING);
		}
	}
	return e;
}

static void step(system_t *s)
{
	for (int i = 0; i < BODIES; i++) {
		double ax = 0.0, ay = 0.0, az = 0.0;
		for (int j = 0; j < BODIES; j++) {
			double dx = s->x[j] - s->x[i], dy = s->y[j] - s->y[i];
			double dz = s->z[j] - s->z[i];
			double d2 = dx * dx + dy * dy + dz * dz + SOFTENING;
			double inv = 1.0 / (d2 * sqrt(d2));
			ax += dx * s->m[j] * inv;
			ay += dy * s->m[j] * inv;
			az += dz * s->m[j] * inv;
		}
		s->vx[i] += ax * DT;
		s->vy[i] += ay * DT;
		s->vz[i] += az * DT;
	}
	for (int i = 0; i < BODIES; i++) {
		s->x[i] += s->vx[i] * DT;
		s->y[i] += s->vy[i] * DT;
		s->z[i] += s->vz[i] * DT;
	}
}

int main(int argc, char **argv)
{
	int32_t steps = bench_size(argc, argv, 60000);
	static system_t s;
	bench_rng r = bench_rng_new(5);
	init(&s, &r);
	double before = energy(&s);
	for (int32_t t = 0; t < steps; t++)
		step(&s);
	double after = energy(&s), cx = 0.0, cy = 0.0, mass = 0.0;
	for (int i = 0; i < BODIES; i++) {
		cx += s.m[i] * s.x[i];
		cy += s.m[i] * s.y[i];
		mass += s.m[i];
	}
	printf("nbody steps=%d e0=%.12e e1=%.12e cx=%.9e cy=%.9e\n", (int)steps,
	       before, after, cx / mass, cy / mass);
	return 0;
}
