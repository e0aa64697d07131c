/**
 * For tables whose query is only known in the page (after a reader filters or sorts): a button with
 * data-explore-sql opens that query in /explore/. Import it from a page's module script:
 *
 *   <button type="button" data-explore-sql="SELECT …">Open in SQL</button>
 *   <script>import '../explore/open-in-sql.ts';</script>
 *
 * It only navigates; the SQL engine never loads on the page that includes it. Tables with a fixed
 * query should use OpenInSql.astro instead (a plain link, no script).
 */
import { exploreHref } from './link.ts';

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLElement>('[data-explore-sql]');
  const sql = button?.dataset.exploreSql;
  if (!sql) return;
  event.preventDefault();
  location.assign(exploreHref(sql));
});
