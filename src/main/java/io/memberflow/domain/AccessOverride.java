package io.memberflow.domain;

/** Operator override of access; {@link #NONE} lets the member's status decide. */
public enum AccessOverride { NONE, GRANT, REVOKE }
