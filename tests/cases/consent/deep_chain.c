// A call chain of 70 helpers in which only the top call is made without
// consent: consent on the way in is solved to the end, however deep the
// chain (it once stopped after 64 rounds and accepted this flow).
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void step69(const struct user *u)
{
	adkit_track("deep", u->email); // expect: pii-to-advertising(user.contact.email)
}

void step68(const struct user *u)
{
	step69(u);
}

void step67(const struct user *u)
{
	step68(u);
}

void step66(const struct user *u)
{
	step67(u);
}

void step65(const struct user *u)
{
	step66(u);
}

void step64(const struct user *u)
{
	step65(u);
}

void step63(const struct user *u)
{
	step64(u);
}

void step62(const struct user *u)
{
	step63(u);
}

void step61(const struct user *u)
{
	step62(u);
}

void step60(const struct user *u)
{
	step61(u);
}

void step59(const struct user *u)
{
	step60(u);
}

void step58(const struct user *u)
{
	step59(u);
}

void step57(const struct user *u)
{
	step58(u);
}

void step56(const struct user *u)
{
	step57(u);
}

void step55(const struct user *u)
{
	step56(u);
}

void step54(const struct user *u)
{
	step55(u);
}

void step53(const struct user *u)
{
	step54(u);
}

void step52(const struct user *u)
{
	step53(u);
}

void step51(const struct user *u)
{
	step52(u);
}

void step50(const struct user *u)
{
	step51(u);
}

void step49(const struct user *u)
{
	step50(u);
}

void step48(const struct user *u)
{
	step49(u);
}

void step47(const struct user *u)
{
	step48(u);
}

void step46(const struct user *u)
{
	step47(u);
}

void step45(const struct user *u)
{
	step46(u);
}

void step44(const struct user *u)
{
	step45(u);
}

void step43(const struct user *u)
{
	step44(u);
}

void step42(const struct user *u)
{
	step43(u);
}

void step41(const struct user *u)
{
	step42(u);
}

void step40(const struct user *u)
{
	step41(u);
}

void step39(const struct user *u)
{
	step40(u);
}

void step38(const struct user *u)
{
	step39(u);
}

void step37(const struct user *u)
{
	step38(u);
}

void step36(const struct user *u)
{
	step37(u);
}

void step35(const struct user *u)
{
	step36(u);
}

void step34(const struct user *u)
{
	step35(u);
}

void step33(const struct user *u)
{
	step34(u);
}

void step32(const struct user *u)
{
	step33(u);
}

void step31(const struct user *u)
{
	step32(u);
}

void step30(const struct user *u)
{
	step31(u);
}

void step29(const struct user *u)
{
	step30(u);
}

void step28(const struct user *u)
{
	step29(u);
}

void step27(const struct user *u)
{
	step28(u);
}

void step26(const struct user *u)
{
	step27(u);
}

void step25(const struct user *u)
{
	step26(u);
}

void step24(const struct user *u)
{
	step25(u);
}

void step23(const struct user *u)
{
	step24(u);
}

void step22(const struct user *u)
{
	step23(u);
}

void step21(const struct user *u)
{
	step22(u);
}

void step20(const struct user *u)
{
	step21(u);
}

void step19(const struct user *u)
{
	step20(u);
}

void step18(const struct user *u)
{
	step19(u);
}

void step17(const struct user *u)
{
	step18(u);
}

void step16(const struct user *u)
{
	step17(u);
}

void step15(const struct user *u)
{
	step16(u);
}

void step14(const struct user *u)
{
	step15(u);
}

void step13(const struct user *u)
{
	step14(u);
}

void step12(const struct user *u)
{
	step13(u);
}

void step11(const struct user *u)
{
	step12(u);
}

void step10(const struct user *u)
{
	step11(u);
}

void step9(const struct user *u)
{
	step10(u);
}

void step8(const struct user *u)
{
	step9(u);
}

void step7(const struct user *u)
{
	step8(u);
}

void step6(const struct user *u)
{
	step7(u);
}

void step5(const struct user *u)
{
	step6(u);
}

void step4(const struct user *u)
{
	step5(u);
}

void step3(const struct user *u)
{
	step4(u);
}

void step2(const struct user *u)
{
	step3(u);
}

void step1(const struct user *u)
{
	step2(u);
}

void step0(const struct user *u)
{
	step1(u);
}

int main(void)
{
	static struct user u;
	step0(&u);
	return 0;
}
