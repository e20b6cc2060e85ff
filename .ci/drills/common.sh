# Sourced by the window drills. open_item_notes clicks from the pod page a
# first start shows (the window the screen less a title bar, at the top
# left of a 1366x768 Xvfb screen, the sample data loaded) to the notes of
# the draft meeting's agenda item 5, with the focus in them. The
# coordinates follow the window's layout: one place to mend when it moves.
open_item_notes() {
  xdotool mousemove 330 345 click 1; sleep 1.5   # the pod's draft meeting
  xdotool mousemove 400 470 click 1; sleep 0.8   # agenda item 5
  xdotool mousemove 850 330 click 1; sleep 0.5   # its notes
}
