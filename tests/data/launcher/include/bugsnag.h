/* The part of bugsnag-ndk's API this program uses (rules/bugsnag-ndk.json
 * makes the breadcrumb's message an analytics sink). */
#ifndef DEMO_BUGSNAG_H
#define DEMO_BUGSNAG_H

void bugsnag_leave_breadcrumb(const char *message, int type);

#endif
