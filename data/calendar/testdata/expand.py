"""Reads an .ics as a calendar program would, with python3-icalendar, and
prints the first N occurrences of its one recurring event in UTC, one per
line (ISO 8601), using only the file's own VTIMEZONE for the zone.

Usage: python3 expand.py FILE.ics N
"""
import sys
from datetime import timezone

import icalendar
from dateutil.rrule import rrulestr

path, count = sys.argv[1], int(sys.argv[2])
with open(path, 'rb') as f:
    cal = icalendar.Calendar.from_ical(f.read())

zones = {str(tz['TZID']): tz.to_tz() for tz in cal.walk('VTIMEZONE')}
events = cal.walk('VEVENT')
assert len(events) == 1, 'want one event, got %d' % len(events)
ev = events[0]
start = ev['DTSTART']
tzid = start.params['TZID']
assert tzid in zones, 'DTSTART names %s, which has no VTIMEZONE' % tzid
tz = zones[tzid]
# The wall time as written, so the file's VTIMEZONE (not the system's zone
# database) decides each occurrence's offset.
naive = start.dt.replace(tzinfo=None)
rule = ev['RRULE'].to_ical().decode()
for wall in rrulestr(rule, dtstart=naive).xafter(naive, count=count, inc=True):
    local = tz.localize(wall) if hasattr(tz, 'localize') else wall.replace(tzinfo=tz)
    print(local.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), wall.strftime('%a %H:%M'))
for a in ev.get('ATTENDEE', []):
    print('ATTENDEE', a.params.get('CN'), str(a))
