/** The inbound side of Paykit over HTTP: webhook endpoint, return-page helper, workers. */
package dev.paykit.inbound;
