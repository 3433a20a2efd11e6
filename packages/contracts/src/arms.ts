import { z } from 'zod';

/**
 * Upstream does not record the experimental arm on disk (coop, coop --no-messaging and coop --git
 * look alike), so every record carries the arm that the runner's manifest or the user's mapping gave.
 *
 * Known arms have fixed meanings; a custom arm is allowed so researchers can add variants
 * (e.g. `coop-msg-structured`), but it must start with the upstream setting it runs under so that the
 * collector can check it against the directory (`solo/`, `coop/`, `team/`) it was found in.
 */
export const KNOWN_ARMS = ['solo', 'coop-msg', 'coop-nomsg', 'coop-msg-git', 'coop-nomsg-git', 'team'] as const;
export type KnownArm = (typeof KNOWN_ARMS)[number];

export const ARM_PATTERN = /^(solo|coop|team)(-[a-z0-9]+)*$/;

export const ArmSchema = z
  .string()
  .regex(ARM_PATTERN, 'an arm such as solo, coop-msg, coop-nomsg, coop-msg-git or team (custom arms start with solo-, coop- or team-)')
  // Whether agents could message each other moves every communication number: a coop arm must say so.
  .refine((arm) => !arm.startsWith('coop') || arm.split('-').includes('msg') !== arm.split('-').includes('nomsg'), {
    message: 'a coop arm that says msg or nomsg (e.g. coop-msg-structured, coop-nomsg-ablation), not both and not neither',
  });
export type Arm = z.infer<typeof ArmSchema>;

export const SettingSchema = z.enum(['solo', 'coop', 'team']);
export type Setting = z.infer<typeof SettingSchema>;

/** The upstream `--setting` an arm runs under: the prefix of its name. */
export function settingOfArm(arm: Arm): Setting {
  return SettingSchema.parse(arm.split('-')[0]);
}

/** Whether agents could message each other in this arm (coop arms say `msg` or `nomsg`; team arms message unless `nomsg`). */
export function armHasMessaging(arm: Arm): boolean {
  return settingOfArm(arm) !== 'solo' && !arm.split('-').includes('nomsg');
}

/** Upstream flags that realise a known arm. */
export function upstreamFlagsOfArm(arm: Arm): string[] {
  const parts = arm.split('-');
  const flags = ['--setting', settingOfArm(arm)];
  if (parts.includes('nomsg')) flags.push('--no-messaging');
  if (parts.includes('git')) flags.push('--git');
  return flags;
}
