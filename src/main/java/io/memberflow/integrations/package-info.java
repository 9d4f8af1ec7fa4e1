/**
 * HTTP clients for the vendors memberflow drives: Circle.so ({@code .circle}) and Kit ({@code .kit}).
 *
 * <p>Every client operation is idempotent, so a caller may retry it freely. Failures surface as
 * {@link io.memberflow.integrations.VendorCallException}, which says whether a retry can help and,
 * when the vendor said so, after how long. Neither messages nor logs carry secrets or e-mail addresses.
 */
package io.memberflow.integrations;
