/**
 * The return-page helper: {@link dev.paykit.inbound.returnpage.ReturnPage} turns the query
 * parameters of the redirect from the hosted checkout into a {@link
 * dev.paykit.inbound.returnpage.ReturnPageResult} verified with the provider, for the shop's own
 * page to render.
 */
package dev.paykit.inbound.returnpage;
