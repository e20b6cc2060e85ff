// Package roadmap is a pod's roadmap: the debt check and revenue goals
// with their trend charts, the items and their forms, and the debt-check
// panel a meeting records its weekly snapshot in.
package roadmap
