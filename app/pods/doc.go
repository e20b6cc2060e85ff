// Package pods is the pod screens: a pod's page (its leaders, meetings and
// the tabs of the features it hosts), the pod form, and the settings every
// pod inherits.
package pods
