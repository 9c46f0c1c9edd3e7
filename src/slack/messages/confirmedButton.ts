import type { Button } from '@slack/types';

/**
 * A red button that asks first: Slack shows `question` and `consequence` with the button's own
 * label to go ahead and "Keep it" to back out.
 */
export function dangerButtonWithConfirm(button: {
  actionId: string;
  value: string;
  label: string;
  question: string;
  consequence: string;
}): Button {
  return {
    type: 'button',
    action_id: button.actionId,
    value: button.value,
    style: 'danger',
    text: { type: 'plain_text', text: button.label },
    confirm: {
      title: { type: 'plain_text', text: button.question },
      text: { type: 'mrkdwn', text: button.consequence },
      confirm: { type: 'plain_text', text: button.label },
      deny: { type: 'plain_text', text: 'Keep it' },
      style: 'danger',
    },
  };
}
