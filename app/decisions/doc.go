// Package decisions is the disagree-and-commit record: a pod's decision
// log with its search, a decision's page (the editor while proposed, the
// record once decided), and the decision rows and panels a meeting shows.
package decisions
