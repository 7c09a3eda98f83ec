// A function whose summary is coarsened (it keeps changing for several
// rounds) makes one pointer point to one of five labels and another to one
// of five buffers, the first of which holds the e-mail address. The labels
// reach the sink; the buffers do not.
// expect-none
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

static char label1[8] = "one", label2[8] = "two", label3[8] = "three", label4[8] = "four",
            label5[8] = "five";
static char buf1[64], buf2[64], buf3[64], buf4[64], buf5[64];
static int counter;

/* d0 to d3 take a round each to settle: the summary is widened */
static void pick(char **label, char **buf, int **d0, int **d1, int **d2, int **d3, int n)
{
	switch (n % 5) {
	case 0:
		*label = label1;
		*buf = buf1;
		break;
	case 1:
		*label = label2;
		*buf = buf2;
		break;
	case 2:
		*label = label3;
		*buf = buf3;
		break;
	case 3:
		*label = label4;
		*buf = buf4;
		break;
	default:
		*label = label5;
		*buf = buf5;
		break;
	}
	*d0 = &counter;
	if (n > 0)
		pick(label, buf, d1, d2, d3, d0, n - 1);
}

void report(const struct user *u, int n)
{
	char *label = 0, *buf = 0;
	int *d[4];
	strcpy(buf1, u->email);
	pick(&label, &buf, &d[0], &d[1], &d[2], &d[3], n);
	adkit_track("label", label);
}
