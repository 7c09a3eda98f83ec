/* A summary far past its bound (49 inputs that carry data, each reaching 45
 * outputs) goes through its hub as it is built, not once it is whole: what
 * any input reaches, every output holds. A sink inside it stays apart from
 * the hub: the one input it sends, the caller fills with no personal data,
 * and what the other inputs carry does not reach it. */
// expect-none
#include "piiflow.h"

struct user {
	PII(user.contact.email) const char *email;
};

ANALYTICS_SINK void stats_event(const char *v);

static void mix(const char *i0, const char *i1, const char *i2, const char *i3, const char *i4,
                const char *i5, const char *i6, const char *i7, const char *i8, const char *i9,
                const char *i10, const char *i11, const char *i12, const char *i13, const char *i14,
                const char *i15, const char *i16, const char *i17, const char *i18, const char *i19,
                const char *i20, const char *i21, const char *i22, const char *i23, const char *i24,
                const char *i25, const char *i26, const char *i27, const char *i28, const char *i29,
                const char *i30, const char *i31, const char *i32, const char *i33, const char *i34,
                const char *i35, const char *i36, const char *i37, const char *i38, const char *i39,
                const char *i40, const char *i41, const char *i42, const char *i43, const char *i44,
                const char *i45, const char *i46, const char *i47, const char *i48, const char *i49,
                char *o0, char *o1, char *o2, char *o3, char *o4, char *o5, char *o6, char *o7,
                char *o8, char *o9, char *o10, char *o11, char *o12, char *o13, char *o14,
                char *o15, char *o16, char *o17, char *o18, char *o19, char *o20, char *o21,
                char *o22, char *o23, char *o24, char *o25, char *o26, char *o27, char *o28,
                char *o29, char *o30, char *o31, char *o32, char *o33, char *o34, char *o35,
                char *o36, char *o37, char *o38, char *o39, char *o40, char *o41, char *o42,
                char *o43, char *o44)
{
	char v = i0[0] ^ i1[0] ^ i2[0] ^ i3[0] ^ i4[0] ^ i5[0] ^ i6[0] ^ i7[0] ^ i8[0] ^ i9[0] ^
	         i10[0] ^ i11[0] ^ i12[0] ^ i13[0] ^ i14[0] ^ i15[0] ^ i16[0] ^ i17[0] ^ i18[0] ^
	         i19[0] ^ i20[0] ^ i21[0] ^ i22[0] ^ i23[0] ^ i24[0] ^ i25[0] ^ i26[0] ^ i27[0] ^
	         i28[0] ^ i29[0] ^ i30[0] ^ i31[0] ^ i32[0] ^ i33[0] ^ i34[0] ^ i35[0] ^ i36[0] ^
	         i37[0] ^ i38[0] ^ i39[0] ^ i40[0] ^ i41[0] ^ i42[0] ^ i43[0] ^ i44[0] ^ i45[0] ^
	         i46[0] ^ i47[0] ^ i48[0];
	o0[0] = v;
	o1[0] = v;
	o2[0] = v;
	o3[0] = v;
	o4[0] = v;
	o5[0] = v;
	o6[0] = v;
	o7[0] = v;
	o8[0] = v;
	o9[0] = v;
	o10[0] = v;
	o11[0] = v;
	o12[0] = v;
	o13[0] = v;
	o14[0] = v;
	o15[0] = v;
	o16[0] = v;
	o17[0] = v;
	o18[0] = v;
	o19[0] = v;
	o20[0] = v;
	o21[0] = v;
	o22[0] = v;
	o23[0] = v;
	o24[0] = v;
	o25[0] = v;
	o26[0] = v;
	o27[0] = v;
	o28[0] = v;
	o29[0] = v;
	o30[0] = v;
	o31[0] = v;
	o32[0] = v;
	o33[0] = v;
	o34[0] = v;
	o35[0] = v;
	o36[0] = v;
	o37[0] = v;
	o38[0] = v;
	o39[0] = v;
	o40[0] = v;
	o41[0] = v;
	o42[0] = v;
	o43[0] = v;
	o44[0] = v;
	stats_event(i49);
}

static char b0[4], b1[4], b2[4], b3[4], b4[4], b5[4], b6[4], b7[4], b8[4], b9[4], b10[4], b11[4],
    b12[4], b13[4], b14[4], b15[4], b16[4], b17[4], b18[4], b19[4], b20[4], b21[4], b22[4], b23[4],
    b24[4], b25[4], b26[4], b27[4], b28[4], b29[4], b30[4], b31[4], b32[4], b33[4], b34[4], b35[4],
    b36[4], b37[4], b38[4], b39[4], b40[4], b41[4], b42[4], b43[4], b44[4];

void report(const struct user *u)
{
	mix(u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, u->email, u->email, u->email, u->email, u->email, u->email, u->email,
	    u->email, "x", b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15,
	    b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32,
	    b33, b34, b35, b36, b37, b38, b39, b40, b41, b42, b43, b44);
}
