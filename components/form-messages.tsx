/** A form's outcome: the error (contract testid `composer-error`) or a quiet notice. */
export function FormMessages(props: { error: string | null; notice: string | null }) {
  return (
    <>
      {props.error !== null && (
        <p data-testid="composer-error" class="error" role="alert">
          {props.error}
        </p>
      )}
      {props.notice !== null && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
    </>
  );
}
