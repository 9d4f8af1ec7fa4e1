package io.memberflow.observability;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/** Puts workflowId, customerId and activity into the logging context of every activity call. */
public class MdcWorkerInterceptor extends WorkerInterceptorBase {

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                String workflowId = context.getInfo().getWorkflowId();
                MDC.put("workflowId", workflowId);
                MDC.put("customerId", workflowId.startsWith("customer-") ? workflowId.substring(9) : workflowId);
                MDC.put("activity", context.getInfo().getActivityType());
                try {
                    return super.execute(input);
                } finally {
                    MDC.remove("workflowId");
                    MDC.remove("customerId");
                    MDC.remove("activity");
                }
            }
        };
    }
}
