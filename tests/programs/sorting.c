// qsort and bsearch: integers, strings and records with a multi-key
// comparator (ties broken by an original index, so the result does not
// depend on how the library's sort is written).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NINTS = 100000, NWORDS = 2000, NRECS = 5000 };

static uint64_t state = 88172645463325252ull;

static uint64_t next(void)
{
	/* xorshift64 */
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static int cmp_int(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b)
{
	return cmp_int(b, a);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
	char name[12];
	int32_t age;
	double score;
	int32_t index;
} record;

/* age ascending, score descending, name, then original position. */
static int cmp_record(const void *a, const void *b)
{
	const record *x = a, *y = b;
	if (x->age != y->age)
		return x->age < y->age ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

static int32_t ints[NINTS];
static char words[NWORDS][10];
static char *word_ptrs[NWORDS];
static record recs[NRECS];

int main(void)
{
	uint64_t sum = 0;
	for (int i = 0; i < NINTS; i++) {
		ints[i] = (int32_t)(next() % 2000001) - 1000000;
		sum += (uint64_t)(int64_t)ints[i];
	}
	qsort(ints, NINTS, sizeof ints[0], cmp_int);
	int sorted = 1;
	uint64_t weighted = 0;
	for (int i = 0; i < NINTS; i++) {
		if (i && ints[i - 1] > ints[i])
			sorted = 0;
		weighted += (uint64_t)(int64_t)ints[i] * (uint64_t)(i + 1);
	}
	printf("ints sorted %d sum %lld weighted %llu\n", sorted,
	       (long long)sum, (unsigned long long)weighted);
	printf("min %d median %d max %d\n", ints[0], ints[NINTS / 2],
	       ints[NINTS - 1]);
	for (int key = -1000000; key <= 1000000; key += 250000) {
		int32_t k = key;
		int32_t *hit =
		    bsearch(&k, ints, NINTS, sizeof ints[0], cmp_int);
		printf("bsearch %d: %s\n", key, hit ? "found" : "absent");
	}
	qsort(ints, 20, sizeof ints[0], cmp_int_desc);
	for (int i = 0; i < 20; i++)
		printf("%d%c", ints[i], i == 19 ? '\n' : ' ');

	for (int i = 0; i < NWORDS; i++) {
		int len = 3 + (int)(next() % 6);
		for (int j = 0; j < len; j++)
			words[i][j] = (char)('a' + next() % 26);
		words[i][len] = 0;
		word_ptrs[i] = words[i];
	}
	qsort(word_ptrs, NWORDS, sizeof word_ptrs[0], cmp_str);
	for (int i = 0; i < NWORDS; i += 199)
		printf("word %d: %s\n", i, word_ptrs[i]);
	char *key = words[1234];
	char **found =
	    bsearch(&key, word_ptrs, NWORDS, sizeof word_ptrs[0], cmp_str);
	printf("bsearch \"%s\": %s\n", key, found ? *found : "(none)");

	for (int i = 0; i < NRECS; i++) {
		snprintf(recs[i].name, sizeof recs[i].name, "n%03u",
		         (unsigned)(next() % 500));
		recs[i].age = 18 + (int32_t)(next() % 50);
		recs[i].score = (double)(next() % 1000) / 8.0;
		recs[i].index = i;
	}
	qsort(recs, NRECS, sizeof recs[0], cmp_record);
	for (int i = 0; i < NRECS; i += 500)
		printf("rec %4d: %s age %d score %.3f was %d\n", i,
		       recs[i].name, recs[i].age, recs[i].score, recs[i].index);
	uint64_t h = 1469598103934665603ull;
	for (int i = 0; i < NRECS; i++)
		h = (h ^ (uint64_t)recs[i].index) * 1099511628211ull;
	printf("order hash %016llx\n", (unsigned long long)h);
	return 0;
}
